package io.secretsbroker.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.secretsbroker.v1.GetSecretRequest;
import io.secretsbroker.v1.GetSecretResponse;
import io.secretsbroker.v1.PutSecretRequest;
import io.secretsbroker.v1.PutSecretResponse;
import io.secretsbroker.v1.SecretsAdminServiceGrpc;
import io.secretsbroker.v1.Secret;
import io.secretsbroker.v1.SecretsBrokerServiceGrpc;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries against a real (in-process) gRPC server scripted to fail: the broker cannot be made
 * to answer UNAVAILABLE a given number of times and then succeed.
 */
class RetryTest {
  private Server server;
  private ManagedChannel channel;
  private final Deque<com.google.rpc.Status> script = new ArrayDeque<>();
  private final List<Long> attemptNanos = new ArrayList<>();

  private SecretsBrokerClient start(RetryPolicy policy, Duration timeout) throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .addService(
                new SecretsBrokerServiceGrpc.SecretsBrokerServiceImplBase() {
                  @Override
                  public void getSecret(
                      GetSecretRequest request, StreamObserver<GetSecretResponse> out) {
                    synchronized (attemptNanos) {
                      attemptNanos.add(System.nanoTime());
                    }
                    com.google.rpc.Status next = script.pollFirst();
                    if (next != null) {
                      out.onError(StatusProto.toStatusRuntimeException(next));
                      return;
                    }
                    out.onNext(
                        GetSecretResponse.newBuilder()
                            .setSecret(Secret.newBuilder().setName(request.getName()))
                            .build());
                    out.onCompleted();
                  }
                })
            .addService(
                new SecretsAdminServiceGrpc.SecretsAdminServiceImplBase() {
                  @Override
                  public void putSecret(
                      PutSecretRequest request, StreamObserver<PutSecretResponse> out) {
                    synchronized (attemptNanos) {
                      attemptNanos.add(System.nanoTime());
                    }
                    com.google.rpc.Status next = script.pollFirst();
                    if (next != null) {
                      out.onError(StatusProto.toStatusRuntimeException(next));
                      return;
                    }
                    out.onNext(PutSecretResponse.getDefaultInstance());
                    out.onCompleted();
                  }
                })
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
    return SecretsBrokerClient.builder("in-process")
        .channel(channel)
        .retryPolicy(policy)
        .timeout(timeout)
        .build();
  }

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  private static com.google.rpc.Status status(Status.Code code, String reason, Duration retry) {
    com.google.rpc.Status.Builder b =
        com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage("scripted");
    b.addDetails(
        Any.pack(ErrorInfo.newBuilder().setDomain("secretsbroker").setReason(reason).build()));
    if (retry != null) {
      b.addDetails(
          Any.pack(
              RetryInfo.newBuilder()
                  .setRetryDelay(
                      com.google.protobuf.Duration.newBuilder()
                          .setSeconds(retry.getSeconds())
                          .setNanos(retry.getNano()))
                  .build()));
    }
    return b.build();
  }

  @Test
  void unavailableIsRetriedUntilAnAnswer() throws Exception {
    try (SecretsBrokerClient client = start(RetryPolicy.DEFAULT, Duration.ofSeconds(30))) {
      script.add(status(Status.Code.UNAVAILABLE, "STORE_UNAVAILABLE", null));
      script.add(status(Status.Code.UNAVAILABLE, "STORE_UNAVAILABLE", null));
      assertEquals("a/b", client.getSecret("a/b").name());
      assertEquals(3, attemptNanos.size());
    }
  }

  @Test
  void unavailableGivesUpAfterMaxAttempts() throws Exception {
    try (SecretsBrokerClient client = start(RetryPolicy.DEFAULT, Duration.ofSeconds(30))) {
      for (int i = 0; i < 10; i++) {
        script.add(status(Status.Code.UNAVAILABLE, "STORE_UNAVAILABLE", null));
      }
      UnavailableException e =
          assertThrows(UnavailableException.class, () -> client.getSecret("a/b"));
      assertEquals("STORE_UNAVAILABLE", e.reason());
      assertEquals(RetryPolicy.DEFAULT.maxAttempts(), attemptNanos.size());
    }
  }

  @Test
  void writesAreNotRetried() throws Exception {
    try (SecretsBrokerClient client = start(RetryPolicy.DEFAULT, Duration.ofSeconds(30))) {
      script.add(status(Status.Code.UNAVAILABLE, "STORE_UNAVAILABLE", null));
      UnavailableException e =
          assertThrows(
              UnavailableException.class, () -> client.putSecret("a/b", java.util.Map.of("k", "v")));
      assertEquals("STORE_UNAVAILABLE", e.reason());
      assertEquals(1, attemptNanos.size());
    }
  }

  @Test
  void otherCodesAreNeverRetried() throws Exception {
    try (SecretsBrokerClient client = start(RetryPolicy.DEFAULT, Duration.ofSeconds(30))) {
      script.add(status(Status.Code.NOT_FOUND, "SECRET_NOT_FOUND", null));
      script.add(status(Status.Code.INTERNAL, "INTERNAL", null));
      assertThrows(SecretNotFoundException.class, () -> client.getSecret("a/b"));
      assertEquals(1, attemptNanos.size());
      BrokerException e = assertThrows(BrokerException.class, () -> client.getSecret("a/b"));
      assertEquals(Status.Code.INTERNAL, e.code());
      assertEquals(2, attemptNanos.size());
    }
  }

  @Test
  void retryInfoDelayIsHonoured() throws Exception {
    Duration hint = Duration.ofMillis(300);
    try (SecretsBrokerClient client = start(RetryPolicy.DEFAULT, Duration.ofSeconds(30))) {
      script.add(status(Status.Code.UNAVAILABLE, "STORE_UNAVAILABLE", hint));
      client.getSecret("a/b");
      assertEquals(2, attemptNanos.size());
      long gap = attemptNanos.get(1) - attemptNanos.get(0);
      assertTrue(gap >= hint.toNanos(), "retried after " + gap + " ns, hint " + hint);
    }
  }

  @Test
  void noRetryThatWouldOutliveTheDeadline() throws Exception {
    try (SecretsBrokerClient client = start(RetryPolicy.DEFAULT, Duration.ofSeconds(5))) {
      script.add(status(Status.Code.UNAVAILABLE, "STORE_UNAVAILABLE", Duration.ofSeconds(60)));
      UnavailableException e =
          assertThrows(UnavailableException.class, () -> client.getSecret("a/b"));
      assertEquals(Optional.of(Duration.ofSeconds(60)), e.retryDelay());
      assertEquals(1, attemptNanos.size());
    }
  }

  @Test
  void retryPolicyNoneTriesOnce() throws Exception {
    try (SecretsBrokerClient client = start(RetryPolicy.NONE, Duration.ofSeconds(30))) {
      script.add(status(Status.Code.UNAVAILABLE, "STORE_UNAVAILABLE", null));
      assertThrows(UnavailableException.class, () -> client.getSecret("a/b"));
      assertEquals(1, attemptNanos.size());
    }
  }

  @Test
  void backoffIsJitteredWithinItsCap() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    for (int attempt = 1; attempt < p.maxAttempts(); attempt++) {
      long cap = Math.min(100L << (attempt - 1), 2000L);
      for (int i = 0; i < 200; i++) {
        Duration d = p.delayAfter(attempt, Optional.empty()).orElseThrow();
        assertTrue(!d.isNegative() && d.toMillis() <= cap, attempt + ": " + d);
      }
    }
    assertEquals(Optional.empty(), p.delayAfter(p.maxAttempts(), Optional.empty()));
    assertEquals(
        Duration.ofSeconds(3),
        p.delayAfter(1, Optional.of(Duration.ofSeconds(3))).orElseThrow());
  }

  @Test
  void batchErrorsUseTheSameTable() {
    BrokerException e =
        BrokerErrors.toException(
            ErrorDetails.fromStatusProto(status(Status.Code.ABORTED, "CAS_MISMATCH", null)));
    assertInstanceOf(CasMismatchException.class, e);
    BrokerException unknown =
        BrokerErrors.toException(
            ErrorDetails.fromStatusProto(status(Status.Code.NOT_FOUND, "SOMETHING_NEW", null)));
    assertEquals(NotFoundException.class, unknown.getClass());
    assertEquals("SOMETHING_NEW", unknown.reason());
  }
}
