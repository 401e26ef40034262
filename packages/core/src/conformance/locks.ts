// The lock capability: a lease on a key is held by one holder at a time across instances, expires after
// its ttl when its holder vanishes, and is released only by its holder.
import { describe, expect, it } from 'vitest';
import { acquireLock, withLock } from '../token-locks.js';
import { hasLocks, type LockingTokenStore } from '../token-store.js';
import { type CaseContext, outcome } from './target.js';

export function lockCases(ctx: CaseContext, declared: boolean, hasReopen: boolean) {
  const skip = declared ? undefined : 'the store does not declare the lock capability';
  describe.skipIf(skip !== undefined)(`locks${skip ? ` — skipped: ${skip}` : ''}`, () => {
    const lockingStore = async (): Promise<LockingTokenStore> => {
      const store = await ctx.store();
      expect(hasLocks(store)).toBe(true);
      return store as LockingTokenStore;
    };

    it('a lease excludes other holders until its holder releases it', async () => {
      const { locks } = await lockingStore();
      const key = ctx.unique('key');
      expect(await locks.tryAcquire(key, 'holder-a', 30_000)).toBe(true);
      expect(await locks.tryAcquire(key, 'holder-b', 30_000)).toBe(false);
      expect(await locks.tryAcquire(ctx.unique('other-key'), 'holder-b', 30_000)).toBe(true);
      expect(await locks.release(key, 'holder-a')).toBe(true);
      expect(await locks.tryAcquire(key, 'holder-b', 30_000)).toBe(true);
    });

    it('only the holder releases a lease', async () => {
      const { locks } = await lockingStore();
      const key = ctx.unique('key');
      expect(await locks.tryAcquire(key, 'holder-a', 30_000)).toBe(true);
      expect(await locks.release(key, 'holder-b')).toBe(false);
      expect(await locks.tryAcquire(key, 'holder-b', 30_000)).toBe(false);
      expect(await locks.release(key, 'holder-a')).toBe(true);
      expect(await locks.release(key, 'holder-a')).toBe(false);
    });

    it('a lease whose holder never releases it expires after its ttl', async () => {
      const { locks } = await lockingStore();
      const key = ctx.unique('key');
      expect(await locks.tryAcquire(key, 'crashed-holder', 300)).toBe(true);
      const started = Date.now();
      const lease = await acquireLock(locks, key, { waitMs: 10_000 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(await locks.release(key, 'crashed-holder')).toBe(false);
      expect(await lease.release()).toBe(true);
    });

    it.skipIf(!hasReopen)('a lease excludes holders on another instance of the namespace', async () => {
      const store = await lockingStore();
      const other = await ctx.reopen(store);
      const key = ctx.unique('key');
      expect(await store.locks.tryAcquire(key, 'holder-a', 30_000)).toBe(true);
      expect(await other.locks!.tryAcquire(key, 'holder-b', 30_000)).toBe(false);
      expect(await store.locks.release(key, 'holder-a')).toBe(true);
      expect(await other.locks!.tryAcquire(key, 'holder-b', 30_000)).toBe(true);
    });

    it('withLock serialises read-modify-write sections: no update is lost', async () => {
      const store = await lockingStore();
      const other = hasReopen ? await ctx.reopen(store) : store;
      const key = ctx.unique('key');
      const user = ctx.unique('counter');
      await store.saveToken({ userName: user, accessToken: ctx.unique('at'), expiresAt: 0 });
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          withLock((i % 2 ? other : store).locks!, key, async () => {
            const current = await store.findToken({ userName: user });
            await new Promise((resolve) => setImmediate(resolve));
            await other.saveToken({ userName: user, expiresAt: current!.expiresAt! + 1 });
          }),
        ),
      );
      expect((await store.findToken({ userName: user }))?.expiresAt).toBe(12);
    });

    it('a bad key, holder or ttl is INVALID_ARGUMENT and takes or releases nothing', async () => {
      const { locks } = await lockingStore();
      const key = ctx.unique('key');
      const badHolders = ['', ' ', 'worker 1', 'wörker', 'tab\there', 'h'.repeat(201), 42, undefined];
      for (const holder of badHolders) {
        const taken = await outcome(locks.tryAcquire(key, holder as string, 30_000));
        expect(taken.ok ? 'resolved' : taken.error.code, String(holder)).toBe('INVALID_ARGUMENT');
        const released = await outcome(locks.release(key, holder as string));
        expect(released.ok ? 'resolved' : released.error.code, String(holder)).toBe('INVALID_ARGUMENT');
      }
      for (const [badKey, ttl] of [
        ['', 1_000],
        ['a key', 1_000],
        [key, 0],
        [key, Number.NaN],
      ] as const) {
        const taken = await outcome(locks.tryAcquire(badKey, 'holder-a', ttl));
        expect(taken.ok ? 'resolved' : taken.error.code).toBe('INVALID_ARGUMENT');
      }
      // Nothing was taken: a well-formed holder of the longest allowed name gets the key at once.
      expect(await locks.tryAcquire(key, 'h'.repeat(200), 30_000)).toBe(true);
      expect(await locks.release(key, 'h'.repeat(200))).toBe(true);
    });

    it('leases are not tokens: getTokens does not list them and deleteTokens does not end them', async () => {
      const store = await lockingStore();
      const key = ctx.unique('key');
      await store.locks.tryAcquire(key, 'holder-a', 30_000);
      await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
      expect(await store.getTokens()).toHaveLength(1);
      expect(await ctx.raw(store)).toHaveLength(1);
      await store.deleteTokens();
      expect(await store.getTokens()).toEqual([]);
      expect(await store.locks.tryAcquire(key, 'holder-b', 30_000)).toBe(false);
      expect(await store.locks.release(key, 'holder-a')).toBe(true);
    });
  });
}
