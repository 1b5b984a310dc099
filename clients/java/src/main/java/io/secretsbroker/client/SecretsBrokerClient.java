package io.secretsbroker.client;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.TlsChannelCredentials;
import io.secretsbroker.v1.BatchGetSecretsRequest;
import io.secretsbroker.v1.BatchGetSecretsResponse;
import io.secretsbroker.v1.DeleteSecretRequest;
import io.secretsbroker.v1.GetAccessListRequest;
import io.secretsbroker.v1.GetAccessListResponse;
import io.secretsbroker.v1.GetSecretRequest;
import io.secretsbroker.v1.GetSecretResponse;
import io.secretsbroker.v1.GetUserDirectoryRequest;
import io.secretsbroker.v1.ImportCollectionsRequest;
import io.secretsbroker.v1.ImportCollectionsResponse;
import io.secretsbroker.v1.ListSecretsRequest;
import io.secretsbroker.v1.ListSecretsResponse;
import io.secretsbroker.v1.PutSecretRequest;
import io.secretsbroker.v1.SecretMetadata;
import io.secretsbroker.v1.SecretsAdminServiceGrpc;
import io.secretsbroker.v1.SecretsBrokerServiceGrpc;
import io.secretsbroker.v1.WatchSecretRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The broker's RPCs over mutual TLS, each with a deadline (10 s unless set), retried after
 * UNAVAILABLE only ({@link RetryPolicy}), failing with a typed {@link BrokerException}. Every
 * read has a blocking and a {@link CompletableFuture} form; {@link #call} and {@link
 * #callAsync} reach any RPC of the generated stubs the same way. Thread-safe; close it once.
 */
public final class SecretsBrokerClient implements AutoCloseable {
  /** The deadline of each call unless the builder or {@link #withTimeout} sets another. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Caller caller;
  private final ManagedChannel ownedChannel; // null when the channel is the caller's
  private final ScheduledExecutorService ownedScheduler; // null for a withTimeout view

  private SecretsBrokerClient(
      Caller caller, ManagedChannel ownedChannel, ScheduledExecutorService ownedScheduler) {
    this.caller = caller;
    this.ownedChannel = ownedChannel;
    this.ownedScheduler = ownedScheduler;
  }

  /** A builder for the broker at {@code target} ("host:port"). */
  public static Builder builder(String target) {
    return new Builder(target);
  }

  /** The same client with another per-call deadline; closing the view closes nothing. */
  public SecretsBrokerClient withTimeout(Duration timeout) {
    return new SecretsBrokerClient(caller.withTimeout(timeout), null, null);
  }

  /** The same client with another retry policy; closing the view closes nothing. */
  public SecretsBrokerClient withRetryPolicy(RetryPolicy retry) {
    return new SecretsBrokerClient(caller.withRetry(retry), null, null);
  }

  // ---- GetSecret

  /** The latest version of {@code name}; only {@code keys} if any are named. */
  public SecretObject getSecret(String name, String... keys) {
    return getSecret(secretRequest(name, keys));
  }

  public SecretObject getSecret(GetSecretRequest request) {
    return secretObject(request, call(SecretsBrokerServiceGrpc.getGetSecretMethod(), request));
  }

  public CompletableFuture<SecretObject> getSecretAsync(String name, String... keys) {
    return getSecretAsync(secretRequest(name, keys));
  }

  public CompletableFuture<SecretObject> getSecretAsync(GetSecretRequest request) {
    return callAsync(SecretsBrokerServiceGrpc.getGetSecretMethod(), request)
        .thenApply(r -> secretObject(request, r));
  }

  /** One value: only that key is asked for, so the others never leave the broker. */
  public String getValue(String name, String key) {
    return getSecret(name, key).value(key);
  }

  // ---- BatchGetSecrets

  /** One result per name, in order; a missing name fails only its own result. */
  public List<BatchResult> batchGetSecrets(Collection<String> names) {
    return batchGetSecrets(BatchGetSecretsRequest.newBuilder().addAllNames(names).build());
  }

  public List<BatchResult> batchGetSecrets(BatchGetSecretsRequest request) {
    return batchResults(request, call(SecretsBrokerServiceGrpc.getBatchGetSecretsMethod(), request));
  }

  public CompletableFuture<List<BatchResult>> batchGetSecretsAsync(BatchGetSecretsRequest request) {
    return callAsync(SecretsBrokerServiceGrpc.getBatchGetSecretsMethod(), request)
        .thenApply(r -> batchResults(request, r));
  }

  // ---- GetUserDirectory, GetAccessList

  public UserDirectoryPage getUserDirectory(GetUserDirectoryRequest request) {
    return new UserDirectoryPage(call(SecretsBrokerServiceGrpc.getGetUserDirectoryMethod(), request));
  }

  public CompletableFuture<UserDirectoryPage> getUserDirectoryAsync(GetUserDirectoryRequest request) {
    return callAsync(SecretsBrokerServiceGrpc.getGetUserDirectoryMethod(), request)
        .thenApply(UserDirectoryPage::new);
  }

  public GetAccessListResponse getAccessList(GetAccessListRequest request) {
    return call(SecretsBrokerServiceGrpc.getGetAccessListMethod(), request);
  }

  public CompletableFuture<GetAccessListResponse> getAccessListAsync(GetAccessListRequest request) {
    return callAsync(SecretsBrokerServiceGrpc.getGetAccessListMethod(), request);
  }

  // ---- WatchSecret

  /** Watches {@code names}, reconnecting by itself ({@link SecretWatch}); close it when done. */
  public SecretWatch watch(Collection<String> names, SecretWatch.Listener listener) {
    WatchSecretRequest request = WatchSecretRequest.newBuilder().addAllNames(names).build();
    return watch(request, listener, SecretWatch.DEFAULT_RECONNECT);
  }

  /** A watch of any request (a prefix, keys, resume_after, heartbeat interval). */
  public SecretWatch watch(
      WatchSecretRequest request, SecretWatch.Listener listener, RetryPolicy reconnect) {
    SecretWatch watch = new SecretWatch(caller, request, listener, reconnect);
    watch.open();
    return watch;
  }

  // ---- SecretsAdminService (needs an admin identity)

  /** Writes a new version unconditionally. */
  public SecretMetadata putSecret(String name, Map<String, String> values) {
    return putSecret(PutSecretRequest.newBuilder().setName(name).putAllValues(values).build());
  }

  public SecretMetadata putSecret(PutSecretRequest request) {
    return call(SecretsAdminServiceGrpc.getPutSecretMethod(), request).getMetadata();
  }

  public void deleteSecret(String name) {
    call(
        SecretsAdminServiceGrpc.getDeleteSecretMethod(),
        DeleteSecretRequest.newBuilder().setName(name).build());
  }

  public ListSecretsResponse listSecrets(ListSecretsRequest request) {
    return call(SecretsAdminServiceGrpc.getListSecretsMethod(), request);
  }

  public ImportCollectionsResponse importCollections(String yaml, boolean dryRun) {
    return call(
        SecretsAdminServiceGrpc.getImportCollectionsMethod(),
        ImportCollectionsRequest.newBuilder().setYaml(yaml).setDryRun(dryRun).build());
  }

  // ---- any RPC

  /** Calls any method of the generated stubs with this client's deadline, retries, errors. */
  public <Q, R> R call(MethodDescriptor<Q, R> method, Q request) {
    return caller.blocking(method, request);
  }

  /** {@link #call} without blocking; cancelling the future cancels the RPC. */
  public <Q, R> CompletableFuture<R> callAsync(MethodDescriptor<Q, R> method, Q request) {
    return caller.async(method, request);
  }

  /** Closes the channel (if the builder made it) and waits up to 5 s for calls to end. */
  @Override
  public void close() {
    if (ownedScheduler != null) {
      ownedScheduler.shutdownNow();
    }
    if (ownedChannel != null) {
      ownedChannel.shutdown();
      try {
        if (!ownedChannel.awaitTermination(5, TimeUnit.SECONDS)) {
          ownedChannel.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownedChannel.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static GetSecretRequest secretRequest(String name, String... keys) {
    return GetSecretRequest.newBuilder().setName(name).addAllKeys(Arrays.asList(keys)).build();
  }

  private static SecretObject secretObject(GetSecretRequest request, GetSecretResponse response) {
    return new SecretObject(
        DataChecksum.checked(response.getSecret(), request.getKeysCount() == 0));
  }

  private static List<BatchResult> batchResults(
      BatchGetSecretsRequest request, BatchGetSecretsResponse response) {
    boolean complete = request.getKeysCount() == 0;
    for (var result : response.getResultsList()) {
      if (result.hasSecret()) {
        DataChecksum.checked(result.getSecret(), complete);
      }
    }
    return response.getResultsList().stream().map(BatchResult::new).toList();
  }

  /** Configures a client; {@link #tls} is required unless {@link #channel} is given. */
  public static final class Builder {
    private final String target;
    private Path caFile;
    private Path certFile;
    private Path keyFile;
    private String authority;
    private Channel channel;
    private Duration timeout = DEFAULT_TIMEOUT;
    private RetryPolicy retry = RetryPolicy.DEFAULT;

    private Builder(String target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    /** The CA bundle that verifies the broker, and this caller's certificate and key (PEM). */
    public Builder tls(Path caFile, Path certFile, Path keyFile) {
      this.caFile = caFile;
      this.certFile = certFile;
      this.keyFile = keyFile;
      return this;
    }

    /** {@code dir/ca.pem}, {@code dir/<identity>.pem}, {@code dir/<identity>-key.pem}. */
    public Builder tlsDirectory(Path dir, String identity) {
      return tls(dir.resolve("ca.pem"), dir.resolve(identity + ".pem"), dir.resolve(identity + "-key.pem"));
    }

    /** The name to expect in the broker's certificate, if not the target's host. */
    public Builder authority(String authority) {
      this.authority = authority;
      return this;
    }

    /** Use this channel (the caller closes it) instead of making one. */
    public Builder channel(Channel channel) {
      this.channel = channel;
      return this;
    }

    /** The deadline of each call, all retries included. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Reads the TLS files now (a bad file fails here); connects on the first call. */
    public SecretsBrokerClient build() {
      ManagedChannel owned = null;
      Channel use = channel;
      if (use == null) {
        ManagedChannelBuilder<?> b = Grpc.newChannelBuilder(target, credentials());
        if (authority != null) {
          b.overrideAuthority(authority);
        }
        owned = b.build();
        use = owned;
      }
      ScheduledThreadPoolExecutor scheduler =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "secrets-broker-retry");
                t.setDaemon(true);
                return t;
              });
      scheduler.setRemoveOnCancelPolicy(true);
      return new SecretsBrokerClient(new Caller(use, timeout, retry, scheduler), owned, scheduler);
    }

    private ChannelCredentials credentials() {
      if (caFile == null || certFile == null || keyFile == null) {
        throw new IllegalStateException("tls(ca, cert, key) is required: the broker takes mTLS only");
      }
      try {
        return TlsChannelCredentials.newBuilder()
            .trustManager(caFile.toFile())
            .keyManager(certFile.toFile(), keyFile.toFile())
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("reading the TLS files " + caFile + ", " + certFile + ", " + keyFile, e);
      }
    }
  }
}
