// Throughput of the store's operations on a WAL database file (every save an fsync'd IMMEDIATE
// transaction) and on ':memory:' (the SQL and the contract's rules without the disk), each holding 1,000
// tokens. Figures are printed by `pnpm bench`, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { SqliteTokenStore } from '../src/index.js';

const SIZE = 1_000;
const dir = mkdtempSync(join(tmpdir(), 'tokens-sqlite-bench-'));

async function filled(filename: string) {
  const store = new SqliteTokenStore({ filename });
  // getTokens reads a table of its own, which the insert benchmark does not grow.
  const listing = new SqliteTokenStore({ database: store.database, table: 'listing' });
  for (let i = 0; i < SIZE; i++) await listing.saveToken({ userName: `user-${i}`, accessToken: `at-${i}` });
  const ids: string[] = [];
  for (let i = 0; i < SIZE; i++) {
    const saved = await store.saveToken({
      userName: `user-${i}`,
      clientId: 'client',
      clientSecret: 'secret',
      accessToken: `at-${i}`,
      refreshToken: `rt-${i}`,
      expiresAt: 1_767_225_600_000,
    });
    ids.push(saved.id);
  }
  return { store, listing, ids };
}

const targets = [
  { label: 'file (WAL, synchronous=FULL)', ...(await filled(join(dir, 'bench.db'))) },
  { label: ':memory:', ...(await filled(':memory:')) },
];

afterAll(async () => {
  for (const { store, listing } of targets) {
    await listing.close();
    await store.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

for (const { label, store, listing, ids } of targets) {
  let n = 0;
  describe(`SqliteTokenStore on ${label}, ${SIZE} tokens`, () => {
    bench('saveToken (insert)', async () => {
      n++;
      await store.saveToken({ userName: `new-${label}-${n}`, accessToken: `at-new-${label}-${n}` });
    });
    bench('saveToken (update by userName)', async () => {
      const i = n++ % SIZE;
      await store.saveToken({ userName: `user-${i}`, accessToken: `at-${i}`, expiresAt: n });
    });
    bench('findToken (userName)', async () => {
      await store.findToken({ userName: `user-${n++ % SIZE}` });
    });
    bench('findToken (refresh token + client)', async () => {
      await store.findToken({ refreshToken: `rt-${n++ % SIZE}`, clientId: 'client', clientSecret: 'secret' });
    });
    bench('findTokenById', async () => {
      await store.findTokenById(ids[n++ % SIZE]!);
    });
    bench(`getTokens (${SIZE} tokens)`, async () => {
      await listing.getTokens();
    });
    bench('lease: tryAcquire + release', async () => {
      const key = `key-${n++ % 50}`;
      await store.locks.tryAcquire(key, 'bench', 30_000);
      await store.locks.release(key, 'bench');
    });
  });
}
