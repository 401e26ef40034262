// Throughput of the store's operations on a real Redis (TOKENS_TEST_REDIS_URL, else 127.0.0.1:6379), one
// round trip each. Figures are printed by vitest bench, never asserted.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { deletePrefix, randomPrefix } from '../test/support/raw-redis.js';

const url = process.env.TOKENS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = randomPrefix('bench');
const store = new RedisTokenStore({ url, prefix });
const listing = new RedisTokenStore({ url, prefix: `${prefix}-list` });
let counter = 0;
let known: { id: string; userName: string; clientId: string; refreshToken: string } | undefined;

beforeAll(async () => {
  const saved = await store.saveToken({
    userName: 'bench-user',
    clientId: 'client',
    clientSecret: 'secret',
    refreshToken: 'bench-rt',
    accessToken: 'bench-at',
  });
  known = { id: saved.id, userName: 'bench-user', clientId: 'client', refreshToken: 'bench-rt' };
  for (let i = 0; i < 100; i++) await listing.saveToken({ userName: `u${i}`, accessToken: `at-${i}` });
});

afterAll(async () => {
  await store.close();
  await listing.close();
  const raw = new Redis(url);
  await deletePrefix(raw, prefix);
  await deletePrefix(raw, `${prefix}-list`);
  await raw.quit();
});

describe('RedisTokenStore', () => {
  bench('saveToken (insert)', async () => {
    await store.saveToken({ userName: `new-${counter++}`, accessToken: `at-new-${counter}` });
  });
  bench('saveToken (update by userName)', async () => {
    await store.saveToken({ userName: known!.userName, accessToken: `at-${counter++}`, expiresAt: counter });
  });
  bench('findToken (userName)', async () => {
    await store.findToken({ userName: known!.userName });
  });
  bench('findToken (refresh token + client)', async () => {
    await store.findToken({ refreshToken: known!.refreshToken, clientId: 'client', clientSecret: 'secret' });
  });
  bench('findTokenById', async () => {
    await store.findTokenById(known!.id);
  });
  bench('getTokens (100 tokens)', async () => {
    await listing.getTokens();
  });
  bench('locks.tryAcquire + release', async () => {
    await store.locks.tryAcquire('bench-lock', 'holder', 30_000);
    await store.locks.release('bench-lock', 'holder');
  });
});
