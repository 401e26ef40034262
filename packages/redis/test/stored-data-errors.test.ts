// Data the store did not write: a malformed hash is CORRUPT (and not overwritten by a read), a key of the
// wrong type is BACKEND; a save that fails that way writes nothing and its error shows no secret.
import { inspect } from 'node:util';
import { outcome } from '@tokens/core/conformance';
import { suiteTitle, testService } from '@tokens/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { deletePrefix, prefixKeyNames, randomPrefix } from './support/raw-redis.js';

const service = testService('redis');
const raw = new Redis(service.url ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
afterAll(() => raw.quit());

function storeWithPrefix(): RedisTokenStore {
  const store = new RedisTokenStore({ url: service.url!, prefix: randomPrefix('errors') });
  onTestFinished(async () => {
    await store.close();
    await deletePrefix(raw, store.prefix);
  });
  return store;
}

describe.skipIf(!service.url)(suiteTitle('RedisTokenStore on data it did not write', service), () => {
  it('a hash with a malformed expiry_time is CORRUPT on every read, and is left as it was', async () => {
    const store = storeWithPrefix();
    const saved = await store.saveToken({ userName: 'u', accessToken: 'at', expiresAt: 5 });
    const key = `{${store.prefix}}:token:${saved.id}`;
    await raw.hset(key, 'expiry_time', 'soon');
    for (const read of [
      store.findTokenById(saved.id),
      store.findToken({ userName: 'u' }),
      store.getTokens(),
    ]) {
      const result = await outcome<unknown>(read);
      expect(result.ok ? 'resolved' : result.error.code).toBe('CORRUPT');
    }
    expect(await raw.hget(key, 'expiry_time')).toBe('soon');
  });

  it('a key of the wrong type under the prefix is BACKEND; the save writes nothing, shows no secret', async () => {
    const store = storeWithPrefix();
    await raw.set(`{${store.prefix}}:index:user_name`, 'not a hash');
    const result = await outcome(
      store.saveToken({ userName: 'u', accessToken: 'SECRET-at', clientSecret: 'SECRET-cs' }),
    );
    expect(result.ok ? 'resolved' : result.error.code).toBe('BACKEND');
    if (!result.ok) {
      expect(result.error.message).toMatch(/^RedisTokenStore\.saveToken: the backend failed/);
      expect(inspect(result.error, { depth: 5 }) + JSON.stringify(result.error)).not.toContain('SECRET');
      expect(result.error.cause?.message).toContain('WRONGTYPE');
    }
    expect(await prefixKeyNames(raw, store.prefix)).toEqual([`{${store.prefix}}:index:user_name`]);
  });
});
