// When Redis goes away: operations reject with UNAVAILABLE within operationTimeoutMs instead of waiting in
// a queue, nothing rejected is applied later, and the store reconnects by itself when Redis is back.
// Runs against a throwaway redis-server (AOF with fsync on every write, so a restart keeps its data).
import { outcome } from '@tokens/core/conformance';
import { requiredServices } from '@tokens/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { randomPrefix } from './support/raw-redis.js';
import { oneCommand, pollUntil, RedisServer, redisServerProblem, sparePort } from './support/redis-server.js';

const problem = requiredServices().has('redis') ? undefined : redisServerProblem();
const title = 'RedisTokenStore when Redis is unreachable';
const BOUND_MS = 500;
// What a rejection may take beyond the bound: timer and event-loop scheduling on a busy CI machine.
const SLACK_MS = 4_000;

async function expectUnavailableInTime(operation: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  const result = await outcome(operation());
  expect(result.ok ? 'resolved' : result.error.code).toBe('UNAVAILABLE');
  expect(performance.now() - started).toBeLessThan(BOUND_MS + SLACK_MS);
}

// The first call also connects and loads the scripts: on a busy machine that can take longer than the
// bound under test, so it is retried until the server answers.
const warmedUp = <T>(call: () => Promise<T>) => pollUntil('the server to answer', call, 30_000);

describe.skipIf(problem !== undefined)(problem ? `${title} — skipped: ${problem}` : title, () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start(['--appendonly', 'yes', '--appendfsync', 'always']);
  }, 30_000);
  afterAll(() => server?.stop());

  const storeOn = (options: ConstructorParameters<typeof RedisTokenStore>[0] = {}) => {
    const store = new RedisTokenStore({
      url: server.url,
      prefix: randomPrefix('down'),
      operationTimeoutMs: BOUND_MS,
      ...options,
    });
    onTestFinished(() => store.close());
    return store;
  };

  it('rejects with UNAVAILABLE while Redis is down, applies nothing later, and recovers by itself', async () => {
    const store = storeOn();
    const kept = await warmedUp(() => store.saveToken({ userName: 'kept', accessToken: 'at-kept' }));
    await server.kill();

    await expectUnavailableInTime(() => store.findTokenById(kept.id));
    await expectUnavailableInTime(() => store.saveToken({ userName: 'lost', accessToken: 'at-lost' }));
    await expectUnavailableInTime(() => store.getTokens());
    await expectUnavailableInTime(() => store.deleteToken(kept.id));
    await expectUnavailableInTime(() => store.locks.tryAcquire('lease', 'holder', 10_000));

    await server.restart();
    await pollUntil(
      'the store to reconnect',
      async () => (await store.findTokenById(kept.id))?.id === kept.id,
    );
    // What was saved before the outage survived; what was refused during it was never replayed.
    expect((await store.getTokens()).map((t) => t.userName)).toEqual(['kept']);
    expect(await store.findToken({ userName: 'lost' })).toBeUndefined();
    expect(await store.locks.tryAcquire('lease', 'other-holder', 10_000)).toBe(true);
  }, 30_000);

  it('a server that stops answering (CLIENT PAUSE) makes operations reject with UNAVAILABLE', async () => {
    const store = storeOn();
    const saved = await warmedUp(() => store.saveToken({ userName: 'paused', accessToken: 'at-paused' }));
    await oneCommand(server.port, 'CLIENT', 'PAUSE', String(BOUND_MS * 4), 'ALL');
    await expectUnavailableInTime(() => store.findTokenById(saved.id));
    await pollUntil('the pause to end', async () => (await store.findTokenById(saved.id))?.id === saved.id);
  }, 30_000);

  it('a store whose Redis was never reachable rejects with UNAVAILABLE, saying why', async () => {
    const store = storeOn({ url: `redis://127.0.0.1:${await sparePort()}` });
    const result = await outcome(store.getTokens());
    expect(result.ok ? 'resolved' : result.error.code).toBe('UNAVAILABLE');
    expect(result.ok ? '' : result.error.message).toMatch(/no answer from Redis within 500 ms/);
    await expectUnavailableInTime(() => store.findToken({ userName: 'nobody' }));
    await store.close();
  });

  it('a client the caller built with default ioredis options is bounded too', async () => {
    const client = new Redis(server.url);
    // The caller owns this client and its error events; the store does not silence them for it.
    client.on('error', () => {});
    onTestFinished(() => client.disconnect());
    const store = storeOn({ client });
    const saved = await warmedUp(() =>
      store.saveToken({ userName: 'own-client', accessToken: 'at-own-client' }),
    );
    await server.kill();
    await expectUnavailableInTime(() => store.findTokenById(saved.id));
    await server.restart();
    await pollUntil('the client to reconnect', async () => (await store.findTokenById(saved.id))?.id);
  }, 30_000);
});
