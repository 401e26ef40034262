// The cross-process write lock: a live holder makes others wait and then fail with UNAVAILABLE; a dead
// holder's lock is taken over once stale; a lost lock fails its operation instead of crashing the process.
import { mkdirSync, readFileSync, rmdirSync, utimesSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { acquireFileLock } from '../src/file-lock.js';
import { readTokenFile, replaceTokenFile } from '../src/token-file.js';
import { tempStore } from './temp-store.js';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );

describe('the write lock', () => {
  it('a fresh lock held elsewhere makes writes wait lockWaitMs, then fail with UNAVAILABLE; reads go on', async () => {
    const store = tempStore({ lockWaitMs: 300 });
    await store.saveToken({ userName: 'ann', accessToken: 'at' });
    const holder = await acquireFileLock(store.path, { staleMs: 5000, waitMs: 0 });
    const started = Date.now();
    const error = await store.saveToken({ userName: 'bob', accessToken: 'at2' }).catch((e: Error) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect((error as Error).message).toMatch(/waiting for the file lock/);
    expect((await store.getTokens()).map((t) => t.userName)).toEqual(['ann']);
    await holder.release();
    expect((await store.saveToken({ userName: 'bob', accessToken: 'at2' })).userName).toBe('bob');
  });

  it('the lock of a writer that died (not refreshed for lockStaleMs) is taken over', async () => {
    const store = tempStore({ lockStaleMs: 2000, lockWaitMs: 5000 });
    // What a SIGKILLed writer leaves: the lock directory, last refreshed 1.5 s ago.
    mkdirSync(`${store.path}.lock`);
    const past = new Date(Date.now() - 1500);
    utimesSync(`${store.path}.lock`, past, past);
    const started = Date.now();
    await store.saveToken({ userName: 'ann', accessToken: 'at' });
    // It waited until the lock was 2 s old, not the full 5 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(Date.now() - started).toBeLessThan(4500);
    expect(await store.findToken({ userName: 'ann' })).toBeDefined();
  });

  it('a lock lost while held (taken over as stale) fails the commit with UNAVAILABLE, without throwing from a timer', async () => {
    const store = tempStore();
    await store.saveToken({ userName: 'ann', accessToken: 'at' });
    const lock = await acquireFileLock(store.path, { staleMs: 2000, waitMs: 0 });
    expect(() => lock.assertHeld()).not.toThrow();
    // Another process decided the lock was stale and removed it; proper-lockfile notices on its next refresh.
    rmdirSync(`${store.path}.lock`);
    await sleep(1300);
    expect(() => lock.assertHeld()).toThrowError(expect.objectContaining({ code: 'UNAVAILABLE' }));
    await lock.release();
  });

  it('a commit is refused when the file changed since it was read under the lock, and nothing is written', async () => {
    const store = tempStore();
    await store.saveToken({ userName: 'ann', accessToken: 'at' });
    const { version } = await readTokenFile(store.path);
    // A writer that took the lock over in the meantime replaced the file.
    await store.saveToken({ userName: 'bob', accessToken: 'at2' });
    const current = readFileSync(store.path, 'utf8');
    const write = replaceTokenFile(store.path, '{"overwritten": true}', {
      expected: version,
      beforeCommit: () => {},
    });
    expect(await codeOf(write)).toBe('UNAVAILABLE');
    expect(readFileSync(store.path, 'utf8')).toBe(current);
  });
});
