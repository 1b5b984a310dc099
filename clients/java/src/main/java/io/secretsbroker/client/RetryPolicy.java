package io.secretsbroker.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try an RPC again: only after UNAVAILABLE (the broker or its store could not be
 * reached, so the call did nothing), at most {@code maxAttempts} times in all, waiting a
 * random time up to an exponentially growing backoff ("full jitter", as gRPC's own retry
 * policy does) but never less than the broker's {@code RetryInfo} delay, and never past
 * the call's deadline. The TypeScript client uses the same numbers.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

  /** 4 attempts, backoff 100 ms doubling up to 2 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0);

  /** One attempt: never retry. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100), 1.0);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be >= 1");
    }
  }

  /**
   * How long to wait before attempt {@code attempt + 1} after attempt {@code attempt}
   * (counted from 1) failed with UNAVAILABLE; empty when no attempt is left.
   */
  public Optional<Duration> delayAfter(int attempt, Optional<Duration> serverDelay) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    double cap = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1);
    long capNanos = (long) Math.min(cap, maxBackoff.toNanos());
    long jittered = capNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(capNanos + 1);
    Duration delay = Duration.ofNanos(jittered);
    if (serverDelay.isPresent() && serverDelay.get().compareTo(delay) > 0) {
      delay = serverDelay.get();
    }
    return Optional.of(delay);
  }
}
