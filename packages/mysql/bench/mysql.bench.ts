// Timings of each operation against the server in TOKENS_TEST_MYSQL_URL (or MYSQL_URL), on a fresh table.
// Printed, never asserted. Run with `pnpm bench`.
import { randomBytes } from 'node:crypto';
import { createPool } from 'mysql2/promise';
import { afterAll, bench, describe } from 'vitest';
import { MySqlTokenStore } from '../src/index.js';

const url = process.env.TOKENS_TEST_MYSQL_URL ?? process.env.MYSQL_URL;
const table = `bench_${randomBytes(6).toString('hex')}`;
const store = url ? new MySqlTokenStore({ uri: url, table }) : undefined;
let n = 0;

/** 200 tokens and the one the lookups find, saved before any timing starts. */
async function seed(s: MySqlTokenStore): Promise<string> {
  for (let i = 0; i < 200; i++) await s.saveToken({ userName: `seed${i}`, accessToken: `at-seed${i}` });
  const target = await s.saveToken({
    userName: 'target',
    refreshToken: 'rt-target',
    clientId: 'c',
    clientSecret: 's',
  });
  return target.id;
}
const targetId = store ? await seed(store) : '';

afterAll(async () => {
  if (!store) return;
  await store.close();
  const admin = createPool({ uri: url! });
  await admin.query('DROP TABLE IF EXISTS ??, ??', [store.table, store.leaseTable]);
  await admin.end();
});

describe.skipIf(!store)(
  url ? `MySqlTokenStore (${table})` : 'MySqlTokenStore — skipped: no TOKENS_TEST_MYSQL_URL',
  () => {
    const s = store!;

    bench('saveToken (insert)', async () => {
      n++;
      await s.saveToken({ userName: `user${n}`, accessToken: `at-${n}`, expiresAt: n });
    });
    bench('saveToken (update of one identity)', async () => {
      await s.saveToken({ userName: 'target', accessToken: `at-${++n}`, expiresAt: n });
    });
    bench('findToken (userName)', async () => {
      await s.findToken({ userName: 'target' });
    });
    bench('findToken (refresh token + client)', async () => {
      await s.findToken({ refreshToken: 'rt-target', clientId: 'c', clientSecret: 's' });
    });
    bench('findTokenById', async () => {
      await s.findTokenById(targetId);
    });
    bench('getTokens (200+ rows)', async () => {
      await s.getTokens();
    });
    bench('locks.tryAcquire + release', async () => {
      await s.locks.tryAcquire('bench', 'holder', 30_000);
      await s.locks.release('bench', 'holder');
    });
    bench('10 parallel saves of one identity', async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          s.saveToken({ userName: 'hot', accessToken: `hot-${++n}`, expiresAt: i }),
        ),
      );
    });
  },
);
