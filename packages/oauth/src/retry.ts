// Bounded retries with exponential backoff and full jitter, for calls to a provider that was unavailable.
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Tries in all, the first included. Default 3. */
  attempts?: number;
  /** Upper bound of the first wait, in ms; doubles after each try. Default 250. */
  baseDelayMs?: number;
  /** Upper bound of any wait, in ms. Default 4000. */
  maxDelayMs?: number;
}

export type ResolvedRetry = Required<RetryOptions>;

export function resolveRetry(options: RetryOptions = {}): ResolvedRetry {
  const resolved = { attempts: 3, baseDelayMs: 250, maxDelayMs: 4000, ...options };
  if (!Number.isSafeInteger(resolved.attempts) || resolved.attempts < 1) {
    throw new RangeError('retry.attempts must be a positive integer');
  }
  return resolved;
}

/** The wait before try number `attempt + 1` (attempt counts from 1): uniform in [0, min(max, base * 2^(attempt-1))]. */
export function backoffDelay(retry: ResolvedRetry, attempt: number): number {
  return Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Runs `fn` until it succeeds, fails with an error `shouldRetry` refuses, tries run out, or the next try
 * could not finish before `deadline` (epoch ms): then the last error is thrown.
 */
export async function withRetries<T>(
  retry: ResolvedRetry,
  fn: () => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  canStartBy: (time: number) => boolean = () => true,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= retry.attempts || !shouldRetry(error)) throw error;
      const delay = backoffDelay(retry, attempt);
      if (!canStartBy(Date.now() + delay)) throw error;
      await sleep(delay);
    }
  }
}
