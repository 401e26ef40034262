// Failures a caller acts on: UNAVAILABLE after bounded retries, STORE with the store's error as cause,
// PROVIDER with the OAuth error code; single flight without the lock capability.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryTokenStore, TokenStoreError } from '@tokens/core';
import type { OidcServer } from '@tokens/oidc-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenManager, TokenManagerError } from '../src/index.js';
import { locklessStore } from './support/lockless-store.js';
import { logIn, managerFor, randomUser, withServer } from './support/logged-in.js';

let server: OidcServer;
beforeAll(async () => {
  server = await withServer();
});
afterAll(() => server.close());

/** A token endpoint that answers `status` to everything and counts the requests. */
async function failingEndpoint(status: number) {
  let requests = 0;
  const http = createServer((_req, res) => {
    requests++;
    res.writeHead(status, { 'content-type': 'text/plain' }).end('down');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { url, requests: () => requests, close: () => new Promise((r) => http.close(r)) };
}

async function expiredToken(store = new MemoryTokenStore()) {
  return store.saveToken({
    userName: randomUser(),
    clientId: 'c',
    clientSecret: 'client-secret-value',
    accessToken: 'access-token-value',
    refreshToken: 'refresh-token-value',
    expiresAt: Date.now() - 1000,
  });
}

describe('UNAVAILABLE', () => {
  for (const status of [503, 429]) {
    it(`after ${status} answers: retried with backoff, 3 tries by default, then UNAVAILABLE`, async () => {
      const endpoint = await failingEndpoint(status);
      const store = new MemoryTokenStore();
      const token = await expiredToken(store);
      const manager = new TokenManager({
        store,
        provider: { tokenEndpoint: `${endpoint.url}/token`, allowInsecureRequests: true },
        clientId: 'c',
        clientSecret: 'client-secret-value',
        retry: { baseDelayMs: 10 },
      });
      const error = await manager.getAccessToken({ id: token.id }).catch((e) => e);
      expect(error).toBeInstanceOf(TokenManagerError);
      expect(error).toMatchObject({ code: 'UNAVAILABLE', status, retryable: true });
      expect(endpoint.requests()).toBe(3);
      // The token is kept: the refresh token is not dead, the provider was away.
      expect((await store.findTokenById(token.id))?.refreshToken).toBe('refresh-token-value');
      await endpoint.close();
    });
  }

  it('when nothing listens: UNAVAILABLE after the configured tries', async () => {
    const endpoint = await failingEndpoint(500);
    await endpoint.close(); // the port is now closed
    const store = new MemoryTokenStore();
    const token = await expiredToken(store);
    const manager = new TokenManager({
      store,
      provider: { tokenEndpoint: `${endpoint.url}/token`, allowInsecureRequests: true },
      clientId: 'c',
      clientSecret: 'client-secret-value',
      retry: { attempts: 2, baseDelayMs: 10 },
    });
    await expect(manager.getAccessToken({ id: token.id })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

it('STORE: a failing store is reported with its TokenStoreError as cause', async () => {
  const store = new MemoryTokenStore();
  const manager = managerFor(server, store);
  await store.close();
  const error = await manager.getAccessToken('someone@example.com').catch((e) => e);
  expect(error).toBeInstanceOf(TokenManagerError);
  expect(error.code).toBe('STORE');
  expect(error.cause).toBeInstanceOf(TokenStoreError);
  expect(error.cause.code).toBe('CLOSED');
});

it('PROVIDER: a refused client carries the OAuth error code', async () => {
  const store = new MemoryTokenStore();
  const good = managerFor(server, store);
  const userName = randomUser();
  const saved = await logIn(server, good, userName);
  await store.saveToken({ id: saved.id, expiresAt: Date.now() - 1000 });
  const wrongSecret = managerFor(server, store, { clientSecret: 'not-the-secret' });
  const error = await wrongSecret.getAccessToken(userName).catch((e) => e);
  expect(error).toBeInstanceOf(TokenManagerError);
  expect(error).toMatchObject({ code: 'PROVIDER', oauthError: 'invalid_client' });
  // Not a dead refresh token: it is kept.
  expect((await store.findTokenById(saved.id))?.refreshToken).toBe(saved.refreshToken);
});

it('without the lock capability, one manager still refreshes once for 50 concurrent callers', async () => {
  const inner = new MemoryTokenStore();
  const store = locklessStore(inner);
  const manager = managerFor(server, store);
  const userName = randomUser();
  const saved = await logIn(server, manager, userName);
  await store.saveToken({ id: saved.id, expiresAt: Date.now() - 1000 });
  const before = server.log.count({ grantType: 'refresh_token' });
  const tokens = await Promise.all(Array.from({ length: 50 }, () => manager.getAccessToken(userName)));
  expect(server.log.count({ grantType: 'refresh_token' })).toBe(before + 1);
  expect(new Set(tokens).size).toBe(1);
});
