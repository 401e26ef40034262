// A server that cannot be reached: the real driver against a port nobody listens on (no server needed).
// Every operation fails with UNAVAILABLE (retryable), in the time the caller configured, and says nothing
// of the token's secrets or the URL's password.
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import type { TokenStoreError } from '@tokens/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MongoTokenStore } from '../src/index.js';

let url: string;
beforeAll(async () => {
  // A port that was free a moment ago: connecting to it is refused at once.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  url = `mongodb://tokens:hunter2-password@127.0.0.1:${port}/tokens?authSource=admin`;
});

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as TokenStoreError;
  }
  throw new Error('the operation resolved');
};

describe('MongoTokenStore without a reachable server', () => {
  it('each operation rejects with UNAVAILABLE, retryable, naming store and operation', async () => {
    const store = new MongoTokenStore({ url, clientOptions: { serverSelectionTimeoutMS: 300 } });
    const calls = {
      saveToken: store.saveToken({ userName: 'u', accessToken: 'SECRET-at', clientSecret: 'SECRET-cs' }),
      findToken: store.findToken({ userName: 'u' }),
      findTokenById: store.findTokenById('abc'),
      deleteToken: store.deleteToken('abc'),
      getTokens: store.getTokens(),
      deleteTokens: store.deleteTokens(),
      lock: store.locks.tryAcquire('key', 'holder', 1000),
      unlock: store.locks.release('key', 'holder'),
    };
    for (const [operation, call] of Object.entries(calls)) {
      const error = await failure(call);
      expect(error.name).toBe('TokenStoreError');
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(
        new RegExp(`^MongoTokenStore\\.${operation}: the backend is unavailable`),
      );
      const shown = [error.message, inspect(error, { depth: 5 }), JSON.stringify(error), String(error.cause)];
      expect(shown.join('\n')).not.toMatch(/SECRET|hunter2/);
    }
    await store.close();
  });

  it('a failed first connection is tried again by the next call (the driver alone would stay closed)', async () => {
    const store = new MongoTokenStore({ url, clientOptions: { serverSelectionTimeoutMS: 200 } });
    for (let i = 0; i < 3; i++) {
      const error = await failure(store.findTokenById('abc'));
      // A fresh server selection each time, not "Topology is closed" from the first failed attempt.
      expect(error.cause?.name).toBe('MongoServerSelectionError');
    }
    await store.close();
  });

  it('refuses bad input before going to the network, and CLOSED after close', async () => {
    // A minute of server selection: a call that went to the network would time the test out.
    const store = new MongoTokenStore({ url, clientOptions: { serverSelectionTimeoutMS: 60_000 } });
    expect((await failure(store.saveToken({ refreshToken: 'orphan' }))).code).toBe('INVALID_TOKEN');
    expect((await failure(store.findTokenById('not an id'))).code).toBe('INVALID_ARGUMENT');
    expect((await failure(store.locks.tryAcquire('key', 'holder', 0))).code).toBe('INVALID_ARGUMENT');
    await store.close();
    expect((await failure(store.getTokens())).code).toBe('CLOSED');
  });
});
