// A client the caller built (Redis here; the cluster run covers Cluster clients) is used as is and left
// open by close(); the store adds no commands or listeners the caller would have to clean up.
import { suiteTitle, testService } from '@tokens/testing';
import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { deletePrefix, randomPrefix } from './support/raw-redis.js';

const service = testService('redis');

describe.skipIf(!service.url)(suiteTitle('RedisTokenStore with a client the caller owns', service), () => {
  it('uses the client, and close() leaves it open and working', async () => {
    const client = new Redis(service.url!);
    const prefix = randomPrefix('owned');
    onTestFinished(async () => {
      await deletePrefix(client, prefix);
      await client.quit();
    });
    const listenersBefore = client.eventNames().map((name) => [name, client.listenerCount(name)]);
    const store = new RedisTokenStore({ client, prefix });
    expect(store.client).toBe(client);
    const saved = await store.saveToken({ userName: 'owner', accessToken: 'at-owner' });
    await store.close();
    expect(client.status).toBe('ready');
    expect(await client.hget(`{${prefix}}:token:${saved.id}`, 'user_name')).toBe('owner');
    expect(client.eventNames().map((name) => [name, client.listenerCount(name)])).toEqual(listenersBefore);
    expect(Object.keys(client).filter((k) => /save|tokens/i.test(k))).toEqual([]);
  });

  it('two stores with different prefixes on one client are separate namespaces', async () => {
    const client = new Redis(service.url!);
    const [a, b] = [randomPrefix('a'), randomPrefix('b')];
    onTestFinished(async () => {
      await deletePrefix(client, a);
      await deletePrefix(client, b);
      await client.quit();
    });
    const storeA = new RedisTokenStore({ client, prefix: a });
    const storeB = new RedisTokenStore({ client, prefix: b });
    await storeA.saveToken({ userName: 'same-user', accessToken: 'at-a' });
    // The same user and access token in another namespace is no conflict.
    await storeB.saveToken({ userName: 'same-user', accessToken: 'at-a', expiresAt: 2 });
    await storeA.deleteTokens();
    expect(await storeA.getTokens()).toEqual([]);
    expect((await storeB.findToken({ userName: 'same-user' }))?.expiresAt).toBe(2);
  });
});
