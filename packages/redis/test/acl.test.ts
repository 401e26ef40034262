// Under a Redis ACL user whose keys are limited to `{prefix}:*`, every operation works: the scripts touch
// no key outside the prefix. A store on another prefix is refused by Redis (BACKEND, NOPERM).
// Runs on a throwaway redis-server, so the shared server's users stay as they are.
import { outcome } from '@tokens/core/conformance';
import { requiredServices } from '@tokens/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { oneCommand, RedisServer, redisServerProblem } from './support/redis-server.js';

const problem = requiredServices().has('redis') ? undefined : redisServerProblem();
const title = 'RedisTokenStore under an ACL user limited to its prefix';

describe.skipIf(problem !== undefined)(problem ? `${title} — skipped: ${problem}` : title, () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
    await oneCommand(
      server.port,
      'ACL',
      ...['SETUSER', 'app', 'on', '>app-password', 'resetkeys', '~{app}:*', 'resetchannels'],
      ...['-@all', '+@read', '+@write', '+@scripting', '+@connection', '+info'],
    );
  }, 30_000);
  afterAll(() => server?.stop());

  it('every operation stays within {prefix}:*', async () => {
    await using store = new RedisTokenStore({
      url: `redis://app:app-password@127.0.0.1:${server.port}`,
      prefix: 'app',
    });
    const saved = await store.saveToken({ userName: 'u', accessToken: 'at', refreshToken: 'rt' });
    await store.saveToken({ userName: 'u', accessToken: 'at-2' });
    expect((await store.findToken({ userName: 'u' }))?.accessToken).toBe('at-2');
    expect((await store.findTokenById(saved.id))?.refreshToken).toBe('rt');
    expect(await store.getTokens()).toHaveLength(1);
    expect(await store.locks.tryAcquire('k', 'holder', 10_000)).toBe(true);
    expect(await store.locks.release('k', 'holder')).toBe(true);
    await store.deleteToken(saved.id);
    await store.deleteTokens();
    expect(await store.getTokens()).toEqual([]);
  });

  it("a store on another prefix is refused by Redis's ACL", async () => {
    await using store = new RedisTokenStore({
      url: `redis://app:app-password@127.0.0.1:${server.port}`,
      prefix: 'other',
    });
    const result = await outcome(store.saveToken({ userName: 'u', accessToken: 'SECRET-at' }));
    expect(result.ok ? 'resolved' : result.error.code).toBe('BACKEND');
    expect(result.ok ? '' : String(result.error.cause?.message)).toContain('NOPERM');
    expect(result.ok ? '' : result.error.message).not.toContain('SECRET');
  });
});
