package io.secretsbroker.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.secretsbroker.v1.GetAccessListRequest;
import io.secretsbroker.v1.GetAccessListResponse;
import io.secretsbroker.v1.GetUserDirectoryRequest;
import io.secretsbroker.v1.ListSecretsRequest;
import io.secretsbroker.v1.PutSecretRequest;
import io.secretsbroker.v1.SecretMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against a real {@code secrets-broker dev} over mutual TLS. */
class SecretsBrokerClientTest {
  // A value no test expects in any string: it must never appear in toString or a message.
  private static final String CANARY = "canary-7f3a9c-do-not-print";

  @RegisterExtension static final BrokerExtension BROKER = new BrokerExtension();

  private static SecretsBrokerClient client;
  private static SecretsBrokerClient admin;

  @BeforeAll
  static void connect() {
    client = BROKER.broker.client("client");
    admin = BROKER.broker.client("admin");
    admin.putSecret("demo/java/canary", Map.of("userId", "svc", "clearPassword", CANARY));
  }

  @AfterAll
  static void close() {
    client.close();
    admin.close();
  }

  @Test
  void getsTheDemoSecretWithItsMetadata() {
    SecretObject secret = client.getSecret("demo/database");
    assertEquals("demo/database", secret.name());
    assertEquals(1, secret.version());
    assertEquals(List.of("clearPassword", "userId"), List.copyOf(secret.keys()));
    assertEquals("demo", secret.value("userId"));
    assertEquals(Duration.ofSeconds(600), secret.refreshAfter().orElseThrow());
    assertEquals(Map.of("env", "dev"), secret.labels());
    assertFalse(secret.etag().isEmpty());
  }

  @Test
  void toStringShowsKeysButNoValue() {
    SecretObject secret = client.getSecret("demo/java/canary");
    assertEquals(CANARY, secret.value("clearPassword"));
    String text = secret.toString();
    assertFalse(text.contains(CANARY), text);
    assertEquals(
        "SecretObject{name=demo/java/canary, version=1, keys=[clearPassword, userId], values=***}",
        text);
    String batch = client.batchGetSecrets(List.of("demo/java/canary")).toString();
    assertFalse(batch.contains(CANARY), batch);
  }

  @Test
  void namedKeysOnlyLeaveTheBroker() {
    SecretObject secret = client.getSecret("demo/java/canary", "userId");
    assertEquals(List.of("userId"), List.copyOf(secret.keys()));
    assertEquals("svc", client.getValue("demo/java/canary", "userId"));
    NoSuchElementException e =
        assertThrows(NoSuchElementException.class, () -> client.getValue("demo/database", "nope"));
    assertEquals("secret demo/database has no value nope", e.getMessage());
  }

  @Test
  void missingSecretIsSecretNotFound() {
    SecretNotFoundException e =
        assertThrows(SecretNotFoundException.class, () -> client.getSecret("demo/no-such-secret"));
    assertEquals(Status.Code.NOT_FOUND, e.code());
    assertEquals("SECRET_NOT_FOUND", e.reason());
    assertTrue(e.fromBroker());
  }

  @Test
  void forbiddenSecretLooksMissing() {
    admin.putSecret("other/java-forbidden", Map.of("clearPassword", CANARY));
    SecretNotFoundException e =
        assertThrows(SecretNotFoundException.class, () -> client.getSecret("other/java-forbidden"));
    assertEquals("SECRET_NOT_FOUND", e.reason());
    assertFalse(e.getMessage().contains(CANARY));
  }

  @Test
  void invalidNameNamesTheField() {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> client.getSecret("a//b"));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    assertEquals("NAME_INVALID", e.reason());
    assertEquals("name", e.field());
    assertEquals("name", e.fieldViolations().get(0).getField());
  }

  @Test
  void staleCompareAndSetIsCasMismatch() {
    SecretMetadata first = admin.putSecret("demo/java/cas", Map.of("k", "v1"));
    PutSecretRequest stale =
        PutSecretRequest.newBuilder()
            .setName("demo/java/cas")
            .putValues("k", "v2")
            .setExpectedVersion(first.getVersion() - 1)
            .build();
    CasMismatchException e = assertThrows(CasMismatchException.class, () -> admin.putSecret(stale));
    assertEquals(Status.Code.ABORTED, e.code());
    assertEquals("CAS_MISMATCH", e.reason());
    assertFalse(e.violations().isEmpty());
    SecretMetadata second =
        admin.putSecret(stale.toBuilder().setExpectedVersion(first.getVersion()).build());
    assertEquals(first.getVersion() + 1, second.getVersion());
  }

  @Test
  void rpcWithoutGrantIsPermissionDenied() {
    PermissionDeniedException e =
        assertThrows(
            PermissionDeniedException.class, () -> client.putSecret("demo/java/x", Map.of("k", "v")));
    assertEquals("RPC_NOT_GRANTED", e.reason());
  }

  @Test
  void credentialsNeedTheirGrant() {
    GetUserDirectoryRequest request =
        GetUserDirectoryRequest.newBuilder()
            .setCollection("demo/coco-pharmaceuticals")
            .addUserIds("erinoverview")
            .setIncludeCredentials(true)
            .build();
    PermissionDeniedException e =
        assertThrows(PermissionDeniedException.class, () -> client.getUserDirectory(request));
    // The dev client holds no ReadCredentials grant (for this collection or at all).
    assertEquals("CREDENTIALS_NOT_GRANTED", e.reason());
    UserDirectoryPage page = admin.getUserDirectory(request);
    String password = page.users().get(0).getCredentialsMap().get("clearPassword");
    assertEquals("erin-demo-password", password);
    assertFalse(page.toString().contains(password), page.toString());
  }

  @Test
  void batchGivesEachNameItsOwnResult() {
    List<BatchResult> results =
        client.batchGetSecrets(List.of("demo/database", "demo/no-such-secret", "a//b"));
    assertEquals(3, results.size());
    assertEquals("demo", results.get(0).orThrow().value("userId"));
    assertInstanceOf(SecretNotFoundException.class, results.get(1).error().orElseThrow());
    InvalidArgumentException invalid =
        assertInstanceOf(InvalidArgumentException.class, results.get(2).error().orElseThrow());
    assertEquals("NAME_INVALID", invalid.reason());
    assertThrows(SecretNotFoundException.class, () -> results.get(1).orThrow());
  }

  @Test
  void directoryAndAccessList() {
    UserDirectoryPage page =
        client.getUserDirectory(
            GetUserDirectoryRequest.newBuilder()
                .setCollection("demo/coco-pharmaceuticals")
                .setPageSize(2)
                .build());
    assertEquals(2, page.users().size());
    assertFalse(page.nextPageToken().isEmpty());
    GetAccessListResponse control =
        client.getAccessList(
            GetAccessListRequest.newBuilder()
                .setCollection("demo/coco-pharmaceuticals")
                .setControlName("asset-catalog")
                .setResolve(true)
                .build());
    assertEquals("asset-catalog", control.getAccessControl().getName());
    assertTrue(control.getAccessControl().getOperationsMap().containsKey("READ"));
    EntryNotFoundException e =
        assertThrows(
            EntryNotFoundException.class,
            () ->
                client.getAccessList(
                    GetAccessListRequest.newBuilder()
                        .setCollection("demo/coco-pharmaceuticals")
                        .setListName("no-such-list")
                        .build()));
    assertEquals("ENTRY_NOT_FOUND", e.reason());
  }

  @Test
  void futuresCompleteAndFailTyped() throws Exception {
    assertEquals("demo", client.getSecretAsync("demo/database").get().value("userId"));
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> client.getSecretAsync("demo/no-such-secret").get());
    assertInstanceOf(SecretNotFoundException.class, e.getCause());
  }

  @Test
  void adminListsAndImports() {
    var listed = admin.listSecrets(ListSecretsRequest.newBuilder().setPrefix("demo/java/").build());
    assertTrue(listed.getSecretsList().stream().anyMatch(m -> m.getName().equals("demo/java/canary")));
    var report =
        admin.importCollections(
            "secretsCollections:\n  demo/java/dry:\n    secrets: {userId: u}\n", true);
    assertEquals("demo/java/dry", report.getCollections(0).getName());
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> admin.importCollections("- [", true));
    assertEquals("IMPORT_INVALID", e.reason());
  }

  @Test
  void deadlineIsDeadlineExceededWithoutReason() {
    try (SecretsBrokerClient hurried = client.withTimeout(Duration.ofNanos(1))) {
      DeadlineExceededException e =
          assertThrows(DeadlineExceededException.class, () -> hurried.getSecret("demo/database"));
      assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code());
      assertEquals("", e.reason());
      assertFalse(e.fromBroker());
    }
  }

  @Test
  void foreignCertificateIsRefusedAtTheHandshake() throws Exception {
    BROKER.broker.issueClientCert("java-foreign", "spiffe://secrets-broker.dev/client", true);
    try (SecretsBrokerClient foreign =
        SecretsBrokerClient.builder(BROKER.broker.address())
            .tlsDirectory(BROKER.broker.tlsDir(), "java-foreign")
            .build()) {
      UnavailableException e =
          assertThrows(UnavailableException.class, () -> foreign.getSecret("demo/database"));
      assertEquals("", e.reason());
      assertFalse(e.fromBroker());
    }
  }

  /** Hands the run's shared broker to this class. */
  static final class BrokerExtension implements org.junit.jupiter.api.extension.BeforeAllCallback {
    DevBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
      broker = DevBroker.shared(context);
    }
  }
}
