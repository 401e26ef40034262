// The lifecycle against a real OpenID provider (oidc-provider on 127.0.0.1): login, exchange, refresh, revoke.
import { MemoryTokenStore } from '@tokens/core';
import type { OidcServer } from '@tokens/oidc-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenManagerError } from '../src/index.js';
import { logIn, managerFor, randomUser, withServer } from './support/logged-in.js';

let server: OidcServer;
beforeAll(async () => {
  server = await withServer();
});
afterAll(() => server.close());

describe('TokenManager against oidc-provider', () => {
  it('exchanges the authorization code (with PKCE) and saves the token under the given identity', async () => {
    const store = new MemoryTokenStore();
    const manager = managerFor(server, store);
    const request = await manager.createAuthorizationRequest();
    expect(request.url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const userName = randomUser();
    const before = Date.now();
    const callbackUrl = await server.login(request.url, userName);
    const saved = await manager.exchangeGrant({
      userName,
      callbackUrl,
      state: request.state,
      codeVerifier: request.codeVerifier,
    });
    const stored = await store.findToken({ userName });
    expect(stored).toEqual(saved);
    expect(stored).toMatchObject({
      userName,
      clientId: server.client.clientId,
      clientSecret: server.client.clientSecret,
      redirectUrl: server.client.redirectUri,
    });
    expect(stored?.accessToken).toBeTruthy();
    expect(stored?.refreshToken).toBeTruthy();
    expect(stored?.expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
    expect(stored?.expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(server.log.count({ grantType: 'authorization_code', ok: true })).toBeGreaterThanOrEqual(1);
  });

  it('refuses a callback whose state does not match, without calling the token endpoint', async () => {
    const manager = managerFor(server, new MemoryTokenStore());
    const request = await manager.createAuthorizationRequest();
    const callbackUrl = await server.login(request.url, randomUser());
    const before = server.log.count({ endpoint: 'token' });
    const error = await manager
      .exchangeGrant({
        userName: 'x',
        callbackUrl,
        state: 'another-state',
        codeVerifier: request.codeVerifier,
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TokenManagerError);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(server.log.count({ endpoint: 'token' })).toBe(before);
  });

  it('returns the stored access token while it is fresh, without a refresh', async () => {
    const store = new MemoryTokenStore();
    const manager = managerFor(server, store);
    const userName = randomUser();
    const saved = await logIn(server, manager, userName);
    const before = server.log.count({ grantType: 'refresh_token' });
    expect(await manager.getAccessToken(userName)).toBe(saved.accessToken);
    expect(await manager.getAccessToken({ id: saved.id })).toBe(saved.accessToken);
    expect(server.log.count({ grantType: 'refresh_token' })).toBe(before);
  });

  it('refreshes an expired token, saves the rotated refresh token, and the old one is then rejected', async () => {
    const store = new MemoryTokenStore();
    const manager = managerFor(server, store);
    const userName = randomUser();
    const saved = await logIn(server, manager, userName);
    await store.saveToken({ id: saved.id, expiresAt: Date.now() - 1000 });
    const access = await manager.getAccessToken(userName);
    expect(access).not.toBe(saved.accessToken);
    const stored = await store.findTokenById(saved.id);
    expect(stored?.accessToken).toBe(access);
    expect(stored?.refreshToken).toBeTruthy();
    expect(stored?.refreshToken).not.toBe(saved.refreshToken);
    expect(stored?.expiresAt).toBeGreaterThan(Date.now() + 3000_000);
    expect(await server.tryRefresh(saved.refreshToken as string)).toMatchObject({
      status: 400,
      error: 'invalid_grant',
    });
  });

  it('refreshes within the skew before expiry', async () => {
    const store = new MemoryTokenStore();
    const manager = managerFor(server, store, { refreshSkewMs: 5_000 });
    const userName = randomUser();
    const saved = await logIn(server, manager, userName);
    await store.saveToken({ id: saved.id, expiresAt: Date.now() + 10_000 });
    expect(await manager.getAccessToken(userName)).toBe(saved.accessToken);
    await store.saveToken({ id: saved.id, expiresAt: Date.now() + 4_000 });
    expect(await manager.getAccessToken(userName)).not.toBe(saved.accessToken);
  });

  it('asks for a login when no token is stored, without calling the provider', async () => {
    const manager = managerFor(server, new MemoryTokenStore());
    const before = server.log.requests.length;
    const error = await manager.getAccessToken('nobody@example.com').catch((e) => e);
    expect(error).toBeInstanceOf(TokenManagerError);
    expect(error.code).toBe('LOGIN_REQUIRED');
    expect(error.message).toMatch(/must log in again/);
    expect(server.log.requests.length).toBe(before);
  });

  it('an authorization refused by the user is a PROVIDER error carrying access_denied', async () => {
    const manager = managerFor(server, new MemoryTokenStore());
    const request = await manager.createAuthorizationRequest();
    const callbackUrl = new URL(server.client.redirectUri);
    callbackUrl.search = new URLSearchParams({
      error: 'access_denied',
      state: request.state,
      iss: server.issuer,
    }).toString();
    const error = await manager
      .exchangeGrant({ userName: 'x', callbackUrl, state: request.state })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'PROVIDER', oauthError: 'access_denied' });
  });

  for (const clientAuthMethod of ['client_secret_basic', 'client_secret_post'] as const) {
    it(`logs in and refreshes with ${clientAuthMethod}`, async () => {
      const store = new MemoryTokenStore();
      const provider = { issuer: server.issuer, allowInsecureRequests: true, clientAuthMethod };
      const manager = managerFor(server, store, { provider });
      const userName = randomUser();
      const saved = await logIn(server, manager, userName);
      await store.saveToken({ id: saved.id, expiresAt: 0 });
      expect(await manager.getAccessToken(userName)).not.toBe(saved.accessToken);
    });
  }
});
