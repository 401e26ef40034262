// Leases as the file holds them: beside the tokens, untouched by deleteTokens, pruned once expired,
// any valid key (even `__proto__`) is data, and a refused call creates nothing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FileTokenStore } from '../src/index.js';
import { tempDir, tempStore } from './temp-store.js';

const leasesIn = (path: string) =>
  (JSON.parse(readFileSync(path, 'utf8')) as { leases: Record<string, unknown> }).leases;

describe('leases in the token file', () => {
  it('are kept in "leases", survive deleteTokens, and are seen by a second store on the path', async () => {
    const store = tempStore();
    await store.saveToken({ userName: 'ann', accessToken: 'at' });
    expect(await store.locks.tryAcquire('refresh:ann', 'worker-1', 60_000)).toBe(true);
    await store.deleteTokens();
    expect(Object.keys(leasesIn(store.path))).toEqual(['refresh:ann']);
    const other = new FileTokenStore({ path: store.path });
    expect(await other.locks.tryAcquire('refresh:ann', 'worker-2', 60_000)).toBe(false);
    await other.close();
  });

  it('expired leases are dropped from the file by the next lease taken', async () => {
    const store = tempStore();
    expect(await store.locks.tryAcquire('short', 'h', 50)).toBe(true);
    await sleep(80);
    expect(await store.locks.tryAcquire('other', 'h', 60_000)).toBe(true);
    expect(Object.keys(leasesIn(store.path))).toEqual(['other']);
  });

  it('a key named __proto__ is a lease like any other', async () => {
    const store = tempStore();
    expect(await store.locks.tryAcquire('__proto__', 'h', 60_000)).toBe(true);
    const other = new FileTokenStore({ path: store.path });
    expect(await other.locks.tryAcquire('__proto__', 'h2', 60_000)).toBe(false);
    expect(await other.locks.release('__proto__', 'h')).toBe(true);
    expect(leasesIn(store.path)).toEqual({});
    await other.close();
  });

  it('a bad key, ttl or holder is INVALID_ARGUMENT and creates nothing', async () => {
    const path = join(tempDir(), 'new-dir', 'tokens.json');
    const store = new FileTokenStore({ path });
    for (const [key, holder, ttl] of [
      ['has space', 'h', 1000],
      ['k', '', 1000],
      ['k', 'h', 0],
      ['k', 42, 1000],
    ] as const) {
      const error = await store.locks
        .tryAcquire(key, holder as string, ttl)
        .catch((e: { code?: string }) => e);
      expect(error, `${key} ${holder} ${ttl}`).toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(existsSync(dirname(path))).toBe(false);
    await store.close();
  });
});
