// The optional lock capability: leases with expiry, shared by every instance and process using one
// namespace, so that one holder at a time refreshes a token. Stores implement the two primitives;
// `acquireLock` and `withLock` wait for a lease on top of them.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TokenStoreError } from './errors.js';

export interface TokenLocks {
  /**
   * Takes the lease on `key` for `holder` for `ttlMs`, unless another holder's unexpired lease exists.
   * Atomic across instances and processes. Returns whether the lease was taken (or renewed by its holder).
   */
  tryAcquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Ends the lease on `key` when `holder` holds it. Returns whether it did; never ends another's lease. */
  release(key: string, holder: string): Promise<boolean>;
}

export interface LockOptions {
  /** How long the lease lasts when its holder dies without releasing it. Default 30 s. */
  ttlMs?: number;
  /** How long to wait for the lease before failing with `UNAVAILABLE`. Default 60 s. */
  waitMs?: number;
  /** Aborts the wait. */
  signal?: AbortSignal;
}

export interface LockLease extends AsyncDisposable {
  readonly key: string;
  readonly holder: string;
  /** Ends the lease; returns false when it had expired and another holder took it. */
  release(): Promise<boolean>;
}

export const LOCK_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export function assertLockKey(key: unknown, ttlMs: unknown): asserts key is string {
  if (typeof key !== 'string' || !LOCK_KEY_PATTERN.test(key)) {
    throw new TokenStoreError('INVALID_ARGUMENT', 'a lock key is 1-200 printable ASCII characters', {
      operation: 'lock',
    });
  }
  if (typeof ttlMs !== 'number' || !Number.isSafeInteger(ttlMs) || ttlMs < 1) {
    throw new TokenStoreError('INVALID_ARGUMENT', 'a lease ttl is a positive integer of ms', {
      operation: 'lock',
    });
  }
}

export const LOCK_HOLDER_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Throws `INVALID_ARGUMENT` unless `holder` is 1-200 printable ASCII characters (one rule for every store). */
export function assertLockHolder(holder: unknown): asserts holder is string {
  if (typeof holder !== 'string' || !LOCK_HOLDER_PATTERN.test(holder)) {
    throw new TokenStoreError('INVALID_ARGUMENT', 'a lock holder is 1-200 printable ASCII characters', {
      operation: 'lock',
    });
  }
}

export function newLockHolder(): string {
  return randomBytes(12).toString('base64url');
}

/** Waits for the lease on `key`, polling with jittered backoff (10 ms growing to 200 ms). */
export async function acquireLock(
  locks: TokenLocks,
  key: string,
  options: LockOptions = {},
): Promise<LockLease> {
  const { ttlMs = 30_000, waitMs = 60_000, signal } = options;
  const holder = newLockHolder();
  const deadline = Date.now() + waitMs;
  let delay = 10;
  for (;;) {
    signal?.throwIfAborted();
    if (await locks.tryAcquire(key, holder, ttlMs)) {
      let released: Promise<boolean> | undefined;
      const release = () => {
        released ??= locks.release(key, holder);
        return released;
      };
      return { key, holder, release, [Symbol.asyncDispose]: async () => void (await release()) };
    }
    if (Date.now() >= deadline) {
      throw new TokenStoreError('UNAVAILABLE', `timed out after ${waitMs} ms waiting for a lock`, {
        operation: 'lock',
      });
    }
    await sleep(Math.min(delay * (0.5 + Math.random()), Math.max(0, deadline - Date.now())), undefined, {
      signal,
    });
    delay = Math.min(delay * 2, 200);
  }
}

/** Runs `fn` while holding the lease on `key`, and releases it afterwards whatever happens. */
export async function withLock<T>(
  locks: TokenLocks,
  key: string,
  fn: () => Promise<T>,
  options?: LockOptions,
): Promise<T> {
  const lease = await acquireLock(locks, key, options);
  try {
    return await fn();
  } finally {
    await lease.release();
  }
}
