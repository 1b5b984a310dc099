/**
 * When to try an RPC again: only after UNAVAILABLE, at most `maxAttempts` times in all,
 * waiting a random time up to an exponentially growing backoff ("full jitter", as gRPC's
 * own retry policy does) but never less than the broker's RetryInfo delay, and never past
 * the call's deadline. The Java client uses the same numbers.
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly multiplier: number;
}

/** 4 attempts, backoff 100 ms doubling up to 2 s. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  initialBackoffMs: 100,
  maxBackoffMs: 2000,
  multiplier: 2,
});

/** One attempt: never retry. */
export const NO_RETRY: RetryPolicy = Object.freeze({ ...DEFAULT_RETRY, maxAttempts: 1 });

/**
 * Milliseconds to wait before attempt `attempt + 1` after attempt `attempt` (from 1)
 * failed with UNAVAILABLE; undefined when no attempt is left.
 */
export function delayAfter(
  policy: RetryPolicy,
  attempt: number,
  serverDelayMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxAttempts) {
    return undefined;
  }
  const cap = Math.min(policy.initialBackoffMs * policy.multiplier ** (attempt - 1), policy.maxBackoffMs);
  const jittered = Math.floor(random() * (cap + 1));
  return Math.max(jittered, serverDelayMs ?? 0);
}

/**
 * Whether a lost answer may be asked for again: reads may, and so may a dry-run import; a
 * write may not (an unconditional put whose answer was lost would make a second version).
 * The same rule as the Python, Go and Java clients. `method` is the RPC's name.
 */
export function retryable(method: string, request: object): boolean {
  if (method === "PutSecret" || method === "DeleteSecret") {
    return false;
  }
  if (method === "ImportCollections") {
    return (request as { dryRun?: boolean }).dryRun === true;
  }
  return true;
}
