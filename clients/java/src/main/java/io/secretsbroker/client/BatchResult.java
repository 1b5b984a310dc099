package io.secretsbroker.client;

import io.secretsbroker.v1.BatchGetSecretsResult;
import java.util.Optional;

/**
 * One result of BatchGetSecrets: the secret, or the typed exception the same name would have
 * raised from GetSecret. Prints no value.
 */
public final class BatchResult {
  private final BatchGetSecretsResult proto;

  public BatchResult(BatchGetSecretsResult proto) {
    this.proto = proto;
  }

  /** The name asked for. */
  public String name() {
    return proto.getName();
  }

  public boolean ok() {
    return proto.hasSecret();
  }

  public Optional<SecretObject> secret() {
    return proto.hasSecret() ? Optional.of(new SecretObject(proto.getSecret())) : Optional.empty();
  }

  /** Why the name could not be read. */
  public Optional<BrokerException> error() {
    if (!proto.hasError()) {
      return Optional.empty();
    }
    return Optional.of(BrokerErrors.toException(ErrorDetails.fromStatusProto(proto.getError())));
  }

  /** The secret, or its error thrown. */
  public SecretObject orThrow() {
    return secret().orElseThrow(() -> error().orElseThrow());
  }

  /** The message itself. Its own toString prints the values: do not log it. */
  public BatchGetSecretsResult toProto() {
    return proto;
  }

  @Override
  public String toString() {
    return proto.hasSecret()
        ? "BatchResult{" + secret().orElseThrow() + "}"
        : "BatchResult{name=" + name() + ", error=" + error().map(Object::toString).orElse("") + "}";
  }
}
