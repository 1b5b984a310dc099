package io.secretsbroker.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one unary RPC the way every method of the client does: one deadline for all
 * attempts, retries after UNAVAILABLE per the {@link RetryPolicy}, and failures turned into
 * typed {@link BrokerException}s.
 */
final class Caller {
  private final Channel channel;
  private final Duration timeout;
  private final RetryPolicy retry;
  private final ScheduledExecutorService scheduler;

  Channel channel() {
    return channel;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  Caller(Channel channel, Duration timeout, RetryPolicy retry, ScheduledExecutorService scheduler) {
    this.channel = channel;
    this.timeout = timeout;
    this.retry = retry;
    this.scheduler = scheduler;
  }

  Caller withTimeout(Duration newTimeout) {
    return new Caller(channel, newTimeout, retry, scheduler);
  }

  Caller withRetry(RetryPolicy newRetry) {
    return new Caller(channel, timeout, newRetry, scheduler);
  }

  <Q, R> CompletableFuture<R> async(MethodDescriptor<Q, R> method, Q request) {
    CompletableFuture<R> result = new CompletableFuture<>();
    Deadline deadline = Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
    attempt(method, request, deadline, 1, result);
    return result;
  }

  /**
   * Whether a lost answer may be asked for again: reads may, and so may a dry-run import; a
   * write may not (an unconditional put whose answer was lost would make a second version).
   * The same rule as the Python and Go clients.
   */
  static boolean retryable(MethodDescriptor<?, ?> method, Object request) {
    String name = method.getBareMethodName();
    if ("PutSecret".equals(name) || "DeleteSecret".equals(name)) {
      return false;
    }
    if (request instanceof io.secretsbroker.v1.ImportCollectionsRequest imported) {
      return imported.getDryRun();
    }
    return true;
  }

  /** Waits for {@link #async}; an interrupt cancels the RPC and is kept on the thread. */
  <Q, R> R blocking(MethodDescriptor<Q, R> method, Q request) {
    CompletableFuture<R> future = async(method, request);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw BrokerErrors.fromThrowable(Status.CANCELLED.withCause(e).asRuntimeException());
    } catch (ExecutionException e) {
      throw BrokerErrors.fromThrowable(e.getCause());
    }
  }

  private <Q, R> void attempt(
      MethodDescriptor<Q, R> method,
      Q request,
      Deadline deadline,
      int attempt,
      CompletableFuture<R> result) {
    if (result.isDone()) {
      return; // cancelled by the caller while waiting for a retry
    }
    ClientCall<Q, R> call = channel.newCall(method, CallOptions.DEFAULT.withDeadline(deadline));
    result.whenComplete(
        (r, t) -> {
          if (t instanceof CancellationException) {
            call.cancel("cancelled by the caller", t);
          }
        });
    ClientCalls.asyncUnaryCall(
        call,
        request,
        new StreamObserver<R>() {
          private R response;

          @Override
          public void onNext(R value) {
            response = value;
          }

          @Override
          public void onError(Throwable t) {
            BrokerException error = BrokerErrors.fromThrowable(t);
            Optional<Duration> delay =
                error.code() == Status.Code.UNAVAILABLE && retryable(method, request)
                    ? retry.delayAfter(attempt, error.retryDelay())
                    : Optional.empty();
            if (delay.isEmpty()
                || delay.get().toNanos() >= deadline.timeRemaining(TimeUnit.NANOSECONDS)) {
              result.completeExceptionally(error);
              return;
            }
            try {
              scheduler.schedule(
                  () -> attempt(method, request, deadline, attempt + 1, result),
                  delay.get().toNanos(),
                  TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
              result.completeExceptionally(error);
            }
          }

          @Override
          public void onCompleted() {
            result.complete(response);
          }
        });
  }
}
