// Runs one operation at a time per token: in this process by chaining promises per key, and across
// processes and instances by a lease in the store when the store has the lock capability.
import { acquireLock, hasLocks, type LockLease, type TokenStore } from '@tokens/core';
import { storeError } from './errors.js';

export interface LeaseOptions {
  /** How long a lease lasts if its holder dies. */
  ttlMs: number;
  /** How long to wait for a lease held by another process. */
  waitMs: number;
}

export class CriticalSection {
  readonly #tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: TokenStore,
    private readonly lease: LeaseOptions,
  ) {}

  /** The lock key of a token's refresh/revoke lease (leases are not tokens; stores keep them apart). */
  static keyOf(tokenId: string): string {
    return `oauth-refresh:${tokenId}`;
  }

  /**
   * Runs `fn(leaseDeadline)` alone for this token. `leaseDeadline` (epoch ms) is when the store lease may
   * pass to another process: work that cannot finish by then must not start.
   */
  async run<T>(tokenId: string, operation: string, fn: (leaseDeadline: number) => Promise<T>): Promise<T> {
    const previous = this.#tails.get(tokenId) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.#leased(tokenId, operation, fn));
    const tail = current.catch(() => undefined);
    this.#tails.set(tokenId, tail);
    try {
      return await current;
    } finally {
      if (this.#tails.get(tokenId) === tail) this.#tails.delete(tokenId);
    }
  }

  async #leased<T>(
    tokenId: string,
    operation: string,
    fn: (leaseDeadline: number) => Promise<T>,
  ): Promise<T> {
    const { store } = this;
    if (!hasLocks(store)) return fn(Number.POSITIVE_INFINITY);
    let lease: LockLease;
    try {
      lease = await acquireLock(store.locks, CriticalSection.keyOf(tokenId), {
        ttlMs: this.lease.ttlMs,
        waitMs: this.lease.waitMs,
      });
    } catch (error) {
      throw storeError(error, operation);
    }
    try {
      // A small margin: the lease was taken a moment before this line ran.
      return await fn(Date.now() + this.lease.ttlMs - 1000);
    } finally {
      // A lease that cannot be released ends by its ttl; that must not hide fn's own outcome.
      await lease.release().catch(() => false);
    }
  }
}
