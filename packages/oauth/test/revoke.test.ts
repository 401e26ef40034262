// revoke(): the provider's RFC 7009 endpoint is called with the refresh token, the stored token is gone,
// and the server rejects the refresh token afterwards.
import { MemoryTokenStore } from '@tokens/core';
import type { OidcServer } from '@tokens/oidc-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, managerFor, randomUser, withServer } from './support/logged-in.js';

let server: OidcServer;
beforeAll(async () => {
  server = await withServer();
});
afterAll(() => server.close());

it('revokes the refresh token at the provider and deletes the stored token', async () => {
  const store = new MemoryTokenStore();
  const manager = managerFor(server, store);
  const userName = randomUser();
  const saved = await logIn(server, manager, userName);
  const revocations = server.log.count({ endpoint: 'revocation', ok: true });

  expect(await manager.revoke(userName)).toEqual({ revoked: true });

  expect(server.log.count({ endpoint: 'revocation', ok: true })).toBe(revocations + 1);
  expect(await store.findTokenById(saved.id)).toBeUndefined();
  expect(await server.tryRefresh(saved.refreshToken as string)).toMatchObject({
    status: 400,
    error: 'invalid_grant',
  });
  await expect(manager.getAccessToken(userName)).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' });
});

it('is idempotent: revoking a user with no stored token calls nothing', async () => {
  const manager = managerFor(server, new MemoryTokenStore());
  const before = server.log.requests.length;
  expect(await manager.revoke('nobody@example.com')).toEqual({ revoked: false });
  expect(server.log.requests.length).toBe(before);
});

it('a revoke waits for a refresh in progress, so the refresh cannot bring the token back', async () => {
  const store = new MemoryTokenStore();
  const manager = managerFor(server, store);
  const userName = randomUser();
  const saved = await logIn(server, manager, userName);
  await store.saveToken({ id: saved.id, expiresAt: Date.now() - 1000 });
  const refreshing = manager.getAccessToken(userName);
  const revoking = manager.revoke(userName);
  await refreshing;
  expect(await revoking).toEqual({ revoked: true });
  expect(await store.getTokens()).toEqual([]);
});
