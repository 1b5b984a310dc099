package io.secretsbroker.client;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.secretsbroker.v1.SecretsBrokerServiceGrpc;
import io.secretsbroker.v1.WatchSecretRequest;
import io.secretsbroker.v1.WatchSecretResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code WatchSecret}: for each watched name its current version, then every new
 * one in order, delivered to a {@link Listener}. When the stream breaks (UNAVAILABLE: the
 * broker restarted, the connection dropped; or the stream reached its maximum age) it is
 * opened again with {@code resume_after} set to the last version received of each name, so
 * no version is missed or delivered twice. It ends with {@link Listener#onFailed} on an
 * error a reconnect cannot fix, or after {@code reconnect.maxAttempts()} failed attempts in
 * a row; {@link #close} ends it quietly. Listener calls come from gRPC's threads, one at a
 * time. As the Go and Python clients do.
 */
public final class SecretWatch implements AutoCloseable {
  /** Reconnect until 20 attempts in a row fail, waiting up to 100 ms, 200 ms, ... 5 s. */
  public static final RetryPolicy DEFAULT_RECONNECT =
      new RetryPolicy(20, Duration.ofMillis(100), Duration.ofSeconds(5), 2.0);

  /** What a watch reports. Printing a {@link SecretObject} never shows a value. */
  public interface Listener {
    /** A version of {@code name} (checked against its CRC32C), in order per name. */
    void onVersion(String name, SecretObject secret);

    /** {@code name} has no readable version: missing, deleted, or not the caller's to read. */
    default void onAbsent(String name) {}

    /** Every watched name's current state has been sent (again after each reconnect). */
    default void onSynced() {}

    /** The watch ended with {@code error}; no further call follows. */
    default void onFailed(BrokerException error) {}
  }

  private final SecretsBrokerServiceGrpc.SecretsBrokerServiceStub stub;
  private final ScheduledExecutorService scheduler;
  private final WatchSecretRequest base;
  private final Listener listener;
  private final RetryPolicy reconnect;
  private final Map<String, Long> resume = new HashMap<>();
  private Context.CancellableContext current;
  private int failures;
  private boolean closed;

  SecretWatch(Caller caller, WatchSecretRequest request, Listener listener, RetryPolicy reconnect) {
    this.stub = SecretsBrokerServiceGrpc.newStub(caller.channel());
    this.scheduler = caller.scheduler();
    this.base = request;
    this.listener = listener;
    this.reconnect = reconnect;
    resume.putAll(request.getResumeAfterMap());
  }

  synchronized void open() {
    if (closed) {
      return;
    }
    WatchSecretRequest request = base.toBuilder().clearResumeAfter().putAllResumeAfter(resume).build();
    current = Context.current().withCancellation();
    current.run(() -> stub.watchSecret(request, new Observer()));
  }

  /** Ends the watch: no listener call follows once this returns. */
  @Override
  public synchronized void close() {
    closed = true;
    if (current != null) {
      current.cancel(null);
    }
  }

  private synchronized boolean deliver(WatchSecretResponse response) {
    if (closed) {
      return false;
    }
    failures = 0;
    switch (response.getEventCase()) {
      case VERSION -> {
        var v = response.getVersion();
        SecretObject secret =
            new SecretObject(DataChecksum.checked(v.getSecret(), base.getKeysCount() == 0));
        resume.put(v.getName(), v.getSecret().getVersion());
        listener.onVersion(v.getName(), secret);
      }
      case ABSENT -> {
        resume.remove(response.getAbsent().getName());
        listener.onAbsent(response.getAbsent().getName());
      }
      case SYNCED -> listener.onSynced();
      default -> {} // a heartbeat
    }
    return true;
  }

  private synchronized void ended(Throwable t) {
    if (closed) {
      return;
    }
    if (t == null) { // the stream reached its maximum age: resume at once
      scheduler.execute(this::open);
      return;
    }
    BrokerException error = BrokerErrors.fromThrowable(t);
    failures++;
    Status.Code code = error.code();
    boolean resumable = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
    Optional<Duration> delay =
        resumable ? reconnect.delayAfter(failures, error.retryDelay()) : Optional.empty();
    if (delay.isEmpty()) {
      closed = true;
      listener.onFailed(error);
      return;
    }
    scheduler.schedule(this::open, delay.get().toNanos(), TimeUnit.NANOSECONDS);
  }

  private final class Observer implements StreamObserver<WatchSecretResponse> {
    @Override
    public void onNext(WatchSecretResponse value) {
      try {
        deliver(value);
      } catch (BrokerException e) { // a corrupt version: end the watch, say why
        synchronized (SecretWatch.this) {
          closed = true;
          current.cancel(null);
        }
        listener.onFailed(e);
      }
    }

    @Override
    public void onError(Throwable t) {
      ended(t);
    }

    @Override
    public void onCompleted() {
      ended(null);
    }
  }
}
