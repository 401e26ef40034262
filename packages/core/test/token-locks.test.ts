// Lease helpers over the reference store: waiting, release on failure, and the shared argument rules.
import { expect, it } from 'vitest';
import { acquireLock, MemoryTokenStore, withLock } from '../src/index.js';

it('withLock releases the lease when the section throws', async () => {
  const { locks } = new MemoryTokenStore();
  await expect(withLock(locks, 'k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await locks.tryAcquire('k', 'someone-else', 1_000)).toBe(true);
});

it('acquireLock gives up with UNAVAILABLE after waitMs', async () => {
  const { locks } = new MemoryTokenStore();
  await locks.tryAcquire('k', 'holder', 60_000);
  await expect(acquireLock(locks, 'k', { waitMs: 50 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
});

it('keys, holders and ttls are checked by one rule for every store', async () => {
  const { locks } = new MemoryTokenStore();
  for (const [key, holder, ttl] of [
    ['', 'h', 1_000],
    ['k', '', 1_000],
    ['k', 'with space', 1_000],
    ['k', 'x'.repeat(201), 1_000],
    ['k', 'h', 0],
    ['k', 'h', Number.NaN],
  ] as const) {
    await expect(locks.tryAcquire(key, holder, ttl)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  }
});
