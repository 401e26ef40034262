// What other processes do to a store: a writer holding the lock past the busy timeout (UNAVAILABLE, then
// success once it is gone), a writer that crashes mid-transaction (its work vanishes, the file stays
// sound), and a lease holder that crashes (its lease blocks others only until its ttl).
import { isTokenStoreError } from '@tokens/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteTokenStore } from '../src/index.js';
import { crash, startFixture } from './child-process.js';
import { tempDatabases } from './temp-db.js';

const newFile = tempDatabases('crash');

async function storeOnNewFile(options: { busyTimeoutMs?: number } = {}) {
  const store = new SqliteTokenStore({ filename: newFile(), ...options });
  await store.saveToken({ userName: 'before', accessToken: 'at-before' });
  return store;
}

describe('contention and crashes of other processes', () => {
  it('a save waits for a write lock held shorter than the busy timeout, then succeeds', async () => {
    await using store = await storeOnNewFile();
    const child = await startFixture(
      'hold-write-lock.mjs',
      [store.database.name, store.table, '300'],
      'locked',
    );
    const saved = await store.saveToken({ userName: 'after', accessToken: 'at-after' });
    expect(saved.userName).toBe('after');
    // The save ran after the child's commit: its row is there too.
    expect((await store.findTokenById('child'))?.userName).toBe('user-of-child');
    await new Promise((resolve) => child.once('exit', resolve));
  });

  it('a write lock held past the busy timeout fails the save with UNAVAILABLE, writing nothing', async () => {
    await using store = await storeOnNewFile({ busyTimeoutMs: 100 });
    const child = await startFixture(
      'hold-write-lock.mjs',
      [store.database.name, store.table, 'forever'],
      'locked',
    );
    const error = await store.saveToken({ userName: 'blocked', accessToken: 'at-blocked' }).catch((e) => e);
    expect(isTokenStoreError(error, 'UNAVAILABLE')).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.message).not.toContain('SQLITE_BUSY');
    await crash(child);
    // The crashed writer's uncommitted row is gone; the store goes on as if nothing happened.
    expect(await store.findTokenById('child')).toBeUndefined();
    await store.saveToken({ userName: 'blocked', accessToken: 'at-blocked' });
    expect((await store.getTokens()).map((t) => t.userName).sort()).toEqual(['before', 'blocked']);
    const check = new Database(store.database.name, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('a lease whose holder process crashed blocks others until its ttl, and not after', async () => {
    let clock: number | undefined;
    const file = newFile();
    await using store = new SqliteTokenStore({ filename: file, now: () => clock ?? Date.now() });
    const child = await startFixture('hold-lease.mjs', [file, 'refresh:ada', '30000'], 'held');
    await crash(child);
    expect(await store.locks.tryAcquire('refresh:ada', 'parent', 30_000)).toBe(false);
    // Past the ttl (the child took the lease before now), the lease is free; no real waiting needed.
    clock = Date.now() + 30_001;
    expect(await store.locks.tryAcquire('refresh:ada', 'parent', 30_000)).toBe(true);
    expect(await store.locks.release('refresh:ada', 'parent')).toBe(true);
  });
});
