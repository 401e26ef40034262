// lockWaitMs bounds how long each operation waits for the file lock, counted from the call: operations
// queued behind each other in this process do not each start a fresh lockWaitMs once their turn comes.
import { describe, expect, it } from 'vitest';
import { acquireFileLock } from '../src/file-lock.js';
import { tempStore } from './temp-store.js';

const LOCK_WAIT_MS = 1000;

describe('lockWaitMs with queued operations', () => {
  it('6 saves and a lease issued together while another holder keeps the lock all fail within about lockWaitMs', async () => {
    const store = tempStore({ lockWaitMs: LOCK_WAIT_MS });
    await store.saveToken({ userName: 'ann', accessToken: 'at' });
    // What another process holding the write lock looks like: proper-lockfile's live, refreshed lock.
    const holder = await acquireFileLock(store.path, { staleMs: 5000, waitMs: 0 });
    try {
      const started = Date.now();
      const settle = (operation: Promise<unknown>) =>
        operation.then(
          () => ({ code: 'resolved', after: Date.now() - started }),
          (error: { code?: string }) => ({ code: error.code, after: Date.now() - started }),
        );
      const results = await Promise.all([
        ...Array.from({ length: 6 }, (_, i) =>
          settle(store.saveToken({ userName: `u${i}`, accessToken: `at${i}` })),
        ),
        settle(store.locks.tryAcquire('refresh:ann', 'worker-1', 30_000)),
      ]);
      expect(results.map((r) => r.code)).toEqual(Array(7).fill('UNAVAILABLE'));
      // Each waited for the lock; none waited for the ones queued before it (that would be k x lockWaitMs).
      expect(Math.min(...results.map((r) => r.after))).toBeGreaterThanOrEqual(LOCK_WAIT_MS - 50);
      expect(Math.max(...results.map((r) => r.after))).toBeLessThan(4 * LOCK_WAIT_MS);
    } finally {
      await holder.release();
    }
    // Nothing was written, and the store works again once the lock is free.
    expect((await store.getTokens()).map((t) => t.userName)).toEqual(['ann']);
    expect(await store.locks.tryAcquire('refresh:ann', 'worker-1', 30_000)).toBe(true);
  });

  it('a write queued behind slow writes of this process still takes the lock when it is free', async () => {
    const store = tempStore({ lockWaitMs: 0 });
    // With no wait allowed, queued writes of one process must not fail each other: each finds the lock free.
    const saved = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.saveToken({ userName: `u${i}`, accessToken: `at${i}` })),
    );
    expect(saved).toHaveLength(20);
    expect(await store.getTokens()).toHaveLength(20);
  });
});
