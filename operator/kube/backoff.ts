/** Exponential backoff: the first delay, and the ceiling it doubles up to. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** What the watches use unless told otherwise: 1 s, doubling up to a minute. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000 };

/** `initialMs * 2^attempt`, capped at `maxMs`; attempt 0 is the first retry. */
export function exponentialDelayMs(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.initialMs * 2 ** Math.min(attempt, 30), policy.maxMs);
}

/**
 * `ms` spread uniformly over [ms * (1 - below), ms * (1 + above)], rounded,
 * so that replicas (or watches) that failed together do not retry together.
 */
export function jitter(ms: number, spread: { readonly below: number; readonly above: number } = { below: 0.2, above: 0.2 }): number {
  return Math.round(ms * (1 - spread.below + Math.random() * (spread.below + spread.above)));
}

/** A retry sequence: each next() is the following exponential delay, ±20 %. */
export interface Backoff {
  /** The delay before the next retry; each call doubles the one after it. */
  next(): number;
  /** A success: the next failure starts from initialMs again. */
  reset(): void;
}

/** The one backoff with jitter of every loop that retries the API server (and etcd). */
export function createBackoff(policy: BackoffPolicy = DEFAULT_BACKOFF): Backoff {
  let attempt = 0;
  return {
    next: () => jitter(exponentialDelayMs(policy, attempt++)),
    reset: () => {
      attempt = 0;
    },
  };
}
