// The lock capability of the file store: leases kept in the token file's "leases" object, taken and
// released under the same cross-process write lock as the tokens, so they are atomic across processes.
import { assertLockHolder, assertLockKey, type TokenLocks } from '@tokens/core';
import type { TokenDocument } from './token-document.js';

export interface LeaseFile {
  /** Runs one store operation (closed check, error wrapping). */
  run<T>(operation: string, fn: () => Promise<T>): Promise<T>;
  /** Runs `change` on the current document under the write lock; writes it back when `changed`. */
  write<T>(change: (doc: TokenDocument) => { value: T; changed: boolean }): Promise<T>;
}

export function fileTokenLocks({ run, write }: LeaseFile, now: () => number = Date.now): TokenLocks {
  return {
    tryAcquire: (key, holder, ttlMs) =>
      run('lock', () => {
        assertLockKey(key, ttlMs);
        assertLockHolder(holder);
        return write((doc) => {
          const lease = doc.leases.get(key);
          if (lease && lease.holder !== holder && lease.expiresAt > now())
            return { value: false, changed: false };
          // Expired leases of holders that never released them would otherwise stay in the file for ever.
          for (const [k, l] of doc.leases) if (l.expiresAt <= now()) doc.leases.delete(k);
          doc.leases.set(key, { holder, expiresAt: now() + ttlMs });
          return { value: true, changed: true };
        });
      }),
    release: (key, holder) =>
      run('unlock', () => {
        assertLockKey(key, 1);
        assertLockHolder(holder);
        return write((doc) => {
          if (doc.leases.get(key)?.holder !== holder) return { value: false, changed: false };
          doc.leases.delete(key);
          return { value: true, changed: true };
        });
      }),
  };
}
