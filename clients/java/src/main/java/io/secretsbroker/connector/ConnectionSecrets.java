package io.secretsbroker.connector;

import io.secretsbroker.client.SecretObject;
import io.secretsbroker.client.SecretsBrokerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fills a connection's empty credential fields from the broker, as Egeria's connector broker
 * fills them from a secrets store connector: the secret named by the secured property
 * {@value #SECRET_NAME_PROPERTY} supplies {@code userId}, {@code clearPassword} and
 * {@code encryptedPassword}, and every other secured property whose value is empty gets the
 * secret's value of the same key. A field already set (non-null, non-empty) is never
 * overwritten; only the keys still empty are requested, so the others never leave the broker.
 */
public final class ConnectionSecrets {
  /** The secured property naming the secret (Egeria's secrets-store configuration name). */
  public static final String SECRET_NAME_PROPERTY = "secretsCollectionName";

  private static final String SECURED = "securedProperties.";

  private final SecretsBrokerClient broker;

  public ConnectionSecrets(SecretsBrokerClient broker) {
    this.broker = Objects.requireNonNull(broker, "broker");
  }

  /** What {@link #fill} did: fields filled, and fields still empty because the secret lacks them. */
  public record Result(String secretName, List<String> filled, List<String> missing) {
    public Result {
      filled = List.copyOf(filled);
      missing = List.copyOf(missing);
    }
  }

  /**
   * Fills {@code connection} in place. Field names in the result are {@code userId},
   * {@code clearPassword}, {@code encryptedPassword} and {@code securedProperties.<key>}.
   * A connection without {@value #SECRET_NAME_PROPERTY}, or with nothing empty, is left alone
   * without an RPC. A missing secret raises SecretNotFoundException.
   */
  public Result fill(Connection connection) {
    Map<String, String> secured = connection.getSecuredProperties();
    String secretName = secured.get(SECRET_NAME_PROPERTY);
    if (isEmpty(secretName)) {
      return new Result("", List.of(), List.of());
    }
    List<Slot> empty = new ArrayList<>();
    addIfEmpty(empty, "userId", "userId", connection::getUserId, connection::setUserId);
    addIfEmpty(
        empty, "clearPassword", "clearPassword", connection::getClearPassword, connection::setClearPassword);
    addIfEmpty(
        empty,
        "encryptedPassword",
        "encryptedPassword",
        connection::getEncryptedPassword,
        connection::setEncryptedPassword);
    for (String key : List.copyOf(secured.keySet())) {
      if (!key.equals(SECRET_NAME_PROPERTY)) {
        addIfEmpty(empty, SECURED + key, key, () -> secured.get(key), v -> secured.put(key, v));
      }
    }
    if (empty.isEmpty()) {
      return new Result(secretName, List.of(), List.of());
    }
    String[] keys = empty.stream().map(Slot::key).distinct().toArray(String[]::new);
    SecretObject secret = broker.getSecret(secretName, keys);
    List<String> filled = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Slot slot : empty) {
      secret
          .findValue(slot.key())
          .ifPresentOrElse(
              v -> {
                slot.setter().accept(v);
                filled.add(slot.field());
              },
              () -> missing.add(slot.field()));
    }
    return new Result(secretName, filled, missing);
  }

  private record Slot(String field, String key, Consumer<String> setter) {}

  private static void addIfEmpty(
      List<Slot> slots, String field, String key, Supplier<String> getter, Consumer<String> setter) {
    if (isEmpty(getter.get())) {
      slots.add(new Slot(field, key, setter));
    }
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
