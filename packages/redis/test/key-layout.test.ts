// What a prefix holds in Redis, read with a separate client: Zoho-column hashes under one hash tag, value
// indexes that follow every update and delete, leases that deleteTokens leaves alone.
import { suiteTitle, testService } from '@tokens/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { deletePrefix, prefixKeyNames, randomPrefix } from './support/raw-redis.js';

const service = testService('redis');
const raw = new Redis(service.url ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
afterAll(() => raw.quit());

function storeWithPrefix(): RedisTokenStore {
  const store = new RedisTokenStore({ url: service.url!, prefix: randomPrefix('layout') });
  onTestFinished(async () => {
    await store.close();
    await deletePrefix(raw, store.prefix);
  });
  return store;
}

describe.skipIf(!service.url)(suiteTitle('RedisTokenStore key layout', service), () => {
  it('a token is a hash of Zoho columns, under the {prefix} hash tag', async () => {
    const store = storeWithPrefix();
    const saved = await store.saveToken({
      userName: 'ada',
      accessToken: 'at-1',
      expiresAt: 1_700_000_000_123,
    });
    expect(await raw.hgetall(`{${store.prefix}}:token:${saved.id}`)).toEqual({
      id: saved.id,
      user_name: 'ada',
      access_token: 'at-1',
      expiry_time: '1700000000123',
    });
    const keys = await prefixKeyNames(raw, store.prefix);
    expect(keys.every((key) => key.startsWith(`{${store.prefix}}:`))).toBe(true);
  });

  it('indexes hold exactly the current values: updates move entries, deletes remove them', async () => {
    const store = storeWithPrefix();
    const index = (column: string) => raw.hgetall(`{${store.prefix}}:index:${column}`);
    const a = await store.saveToken({ userName: 'a', accessToken: 'at-old', refreshToken: 'rt-a' });
    await store.saveToken({ userName: 'a', accessToken: 'at-new' });
    expect(await index('access_token')).toEqual({ 'at-new': a.id });
    expect(await index('refresh_token')).toEqual({ 'rt-a': a.id });
    // The old access token is free again: another token may take it.
    const b = await store.saveToken({ userName: 'b', accessToken: 'at-old' });
    expect(await index('user_name')).toEqual({ a: a.id, b: b.id });
    await store.deleteToken(a.id);
    expect(await index('user_name')).toEqual({ b: b.id });
    expect(await index('access_token')).toEqual({ 'at-old': b.id });
    expect(await index('refresh_token')).toEqual({});
    expect(await raw.smembers(`{${store.prefix}}:ids`)).toEqual([b.id]);
  });

  it('deleteTokens removes tokens, indexes and the id set, and keeps leases', async () => {
    const store = storeWithPrefix();
    await store.saveToken({ userName: 'a', accessToken: 'at-a', grantToken: 'gt', clientId: 'c' });
    await store.saveToken({ userName: 'b', refreshToken: 'rt-b' });
    expect(await store.locks.tryAcquire('refresh:a', 'holder', 30_000)).toBe(true);
    await store.deleteTokens();
    expect(await prefixKeyNames(raw, store.prefix)).toEqual([`{${store.prefix}}:lease:refresh:a`]);
    expect(await store.locks.tryAcquire('refresh:a', 'someone-else', 30_000)).toBe(false);
  });

  it('a lease has the ttl it was taken with, and its holder renews it', async () => {
    const store = storeWithPrefix();
    const key = `{${store.prefix}}:lease:k`;
    expect(await store.locks.tryAcquire('k', 'holder', 5_000)).toBe(true);
    expect(await raw.pttl(key)).toBeGreaterThan(4_000);
    expect(await store.locks.tryAcquire('k', 'holder', 60_000)).toBe(true);
    expect(await raw.pttl(key)).toBeGreaterThan(50_000);
    expect(await raw.get(key)).toBe('holder');
  });
});
