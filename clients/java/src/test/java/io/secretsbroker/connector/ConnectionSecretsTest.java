package io.secretsbroker.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.secretsbroker.client.DevBroker;
import io.secretsbroker.client.SecretNotFoundException;
import io.secretsbroker.client.SecretsBrokerClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Filling a connection from a collection imported into a real broker. */
class ConnectionSecretsTest {
  private static final String COLLECTION = "demo/connectors/java-postgres";
  private static final String PASSWORD = "canary-pw-51e0-do-not-print";

  @RegisterExtension static final Shared BROKER = new Shared();

  private static SecretsBrokerClient client;

  @BeforeAll
  static void importCollection() {
    try (SecretsBrokerClient admin = BROKER.broker.client("admin")) {
      admin.importCollections(
          "secretsCollections:\n"
              + "  "
              + COLLECTION
              + ":\n"
              + "    refreshTimeInterval: 10\n"
              + "    secrets:\n"
              + "      userId: pg-connector\n"
              + "      clearPassword: "
              + PASSWORD
              + "\n"
              + "      accessToken: token-1\n",
          false);
    }
    client = BROKER.broker.client("client");
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static Connection connection() {
    Connection c = new Connection();
    c.getSecuredProperties().put(ConnectionSecrets.SECRET_NAME_PROPERTY, COLLECTION);
    return c;
  }

  @Test
  void fillsOnlyTheEmptyFields() {
    Connection c = connection();
    c.setUserId("configured-user");
    c.getSecuredProperties().put("accessToken", "");
    c.getSecuredProperties().put("region", "eu-1");

    ConnectionSecrets.Result result = new ConnectionSecrets(client).fill(c);

    assertEquals(COLLECTION, result.secretName());
    assertEquals(List.of("clearPassword", "securedProperties.accessToken"), result.filled());
    assertEquals(List.of("encryptedPassword"), result.missing());
    assertEquals("configured-user", c.getUserId());
    assertEquals(PASSWORD, c.getClearPassword());
    assertNull(c.getEncryptedPassword());
    assertEquals("token-1", c.getSecuredProperties().get("accessToken"));
    assertEquals("eu-1", c.getSecuredProperties().get("region"));
    assertFalse(c.toString().contains(PASSWORD), c.toString());
    assertFalse(result.toString().contains(PASSWORD), result.toString());
  }

  @Test
  void fillsEveryFieldOfABareConnection() {
    Connection c = connection();
    ConnectionSecrets.Result result = new ConnectionSecrets(client).fill(c);
    assertEquals(List.of("userId", "clearPassword"), result.filled());
    assertEquals("pg-connector", c.getUserId());
    assertEquals(PASSWORD, c.getClearPassword());
  }

  @Test
  void nothingEmptyMeansNoCall() {
    Connection c = new Connection();
    c.getSecuredProperties().put(ConnectionSecrets.SECRET_NAME_PROPERTY, "demo/does-not-exist");
    c.setUserId("u");
    c.setClearPassword("p");
    c.setEncryptedPassword("e");
    // The secret does not exist: an RPC would raise SecretNotFoundException.
    ConnectionSecrets.Result result = new ConnectionSecrets(client).fill(c);
    assertEquals(List.of(), result.filled());
    assertEquals("p", c.getClearPassword());
  }

  @Test
  void noSecretNameLeavesTheConnectionAlone() {
    Connection c = new Connection();
    ConnectionSecrets.Result result = new ConnectionSecrets(client).fill(c);
    assertEquals("", result.secretName());
    assertNull(c.getUserId());
  }

  @Test
  void missingSecretIsSecretNotFound() {
    Connection c = new Connection();
    c.getSecuredProperties().put(ConnectionSecrets.SECRET_NAME_PROPERTY, "demo/does-not-exist");
    SecretNotFoundException e =
        assertThrows(SecretNotFoundException.class, () -> new ConnectionSecrets(client).fill(c));
    assertEquals("SECRET_NOT_FOUND", e.reason());
    assertNull(c.getUserId());
  }

  static final class Shared implements BeforeAllCallback {
    DevBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
      broker = DevBroker.shared(context);
    }
  }
}
