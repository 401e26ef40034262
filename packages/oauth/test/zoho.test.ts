// The Zoho preset against a local STAND-IN for Zoho's accounts server (test/support/zoho-stand-in.ts):
// Zoho's response shapes, not Zoho itself.
import { MemoryTokenStore } from '@tokens/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenManager, TokenManagerError, ZOHO_DATA_CENTERS, zohoProvider } from '../src/index.js';
import { startZohoStandIn, type ZohoStandIn } from './support/zoho-stand-in.js';

const TOKEN = '/oauth/v2/token';
const REVOKE = '/oauth/v2/token/revoke';
const CLIENT = { clientId: '1000.CLIENT', clientSecret: 'zoho-client-secret' };

let zoho: ZohoStandIn;
beforeAll(async () => {
  zoho = await startZohoStandIn();
});
afterAll(() => zoho.close());

function manager(store = new MemoryTokenStore()) {
  return new TokenManager({
    store,
    provider: zohoProvider({ accountsUrl: zoho.url, allowInsecureRequests: true }),
    ...CLIENT,
    redirectUri: 'https://app.example.com/callback',
    scope: 'ZohoCRM.modules.ALL',
    refreshSkewMs: 5_000,
    retry: { baseDelayMs: 5 },
  });
}

const grantBody = (extra: Record<string, unknown> = {}) => ({
  access_token: '1000.access',
  refresh_token: '1000.refresh',
  api_domain: 'https://www.zohoapis.eu',
  token_type: 'Bearer',
  expires_in: 3600,
  ...extra,
});

describe('Zoho preset (local stand-in server)', () => {
  it('points at the data centers of ZOHO.md', () => {
    expect(zohoProvider().tokenEndpoint).toBe('https://accounts.zoho.com/oauth/v2/token');
    expect(zohoProvider({ dataCenter: 'ca' }).revocationEndpoint).toBe(
      'https://accounts.zohocloud.ca/oauth/v2/token/revoke',
    );
    expect(zohoProvider({ dataCenter: 'au' }).authorizationEndpoint).toBe(
      'https://accounts.zoho.com.au/oauth/v2/auth',
    );
    expect(Object.values(ZOHO_DATA_CENTERS)).toHaveLength(8);
  });

  it('builds the authorization URL with offline access, consent, scope, state and PKCE', async () => {
    const request = await manager().createAuthorizationRequest();
    expect(request.url.origin + request.url.pathname).toBe(`${zoho.url}/oauth/v2/auth`);
    expect(Object.fromEntries(request.url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT.clientId,
      scope: 'ZohoCRM.modules.ALL',
      access_type: 'offline',
      prompt: 'consent',
      state: request.state,
      code_challenge_method: 'S256',
    });
  });

  it('exchanges a grant token: client_secret_post, api_domain stored, expiresAt from expires_in seconds', async () => {
    const store = new MemoryTokenStore();
    zoho.answer(TOKEN, { body: grantBody() });
    const before = Date.now();
    const saved = await manager(store).exchangeGrant({ userName: 'ada@example.com:123', code: '1000.grant' });
    const sent = zoho.requests.at(-1)!;
    expect(Object.fromEntries(sent.form)).toMatchObject({
      grant_type: 'authorization_code',
      code: '1000.grant',
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      redirect_uri: 'https://app.example.com/callback',
    });
    expect(saved).toMatchObject({
      apiDomain: 'https://www.zohoapis.eu',
      refreshToken: '1000.refresh',
      accessToken: '1000.access',
    });
    expect(saved.expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
    expect(saved.expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
  });

  it('reads expires_in as milliseconds when expires_in_sec is present', async () => {
    zoho.answer(TOKEN, {
      body: grantBody({
        expires_in: 3600_000,
        expires_in_sec: 3600,
        refresh_token: '1000.r2',
        access_token: '1000.a2',
      }),
    });
    const saved = await manager().exchangeGrant({ userName: 'bo@example.com:1', code: '1000.g2' });
    expect(saved.expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(saved.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("an error in an HTTP 200 body on exchange is a PROVIDER error with Zoho's code", async () => {
    zoho.answer(TOKEN, { body: { error: 'invalid_code' } });
    const error = await manager()
      .exchangeGrant({ userName: 'cy@example.com:1', code: '1000.used' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TokenManagerError);
    expect(error).toMatchObject({ code: 'PROVIDER', oauthError: 'invalid_code' });
  });

  it('a refresh without refresh_token keeps the stored one and updates api_domain', async () => {
    const store = new MemoryTokenStore();
    const token = await store.saveToken({
      userName: 'di@example.com:1',
      ...CLIENT,
      accessToken: '1000.old',
      refreshToken: '1000.keep',
      expiresAt: Date.now() + 1000,
    });
    zoho.answer(TOKEN, {
      body: {
        access_token: '1000.new',
        api_domain: 'https://www.zohoapis.com',
        token_type: 'Bearer',
        expires_in: 3600,
      },
    });
    expect(await manager(store).getAccessToken('di@example.com:1')).toBe('1000.new');
    expect(Object.fromEntries(zoho.requests.at(-1)!.form)).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: '1000.keep',
    });
    expect(await store.findTokenById(token.id)).toMatchObject({
      refreshToken: '1000.keep',
      accessToken: '1000.new',
      apiDomain: 'https://www.zohoapis.com',
    });
  });

  it('invalid_code in an HTTP 200 body on refresh means LOGIN_REQUIRED, and the dead token is not sent again', async () => {
    const store = new MemoryTokenStore();
    await store.saveToken({
      userName: 'ed@example.com:1',
      ...CLIENT,
      accessToken: '1000.old2',
      refreshToken: '1000.dead',
      expiresAt: 0,
    });
    zoho.answer(TOKEN, { body: { error: 'invalid_code' } });
    const m = manager(store);
    const count = zoho.requests.length;
    await expect(m.getAccessToken('ed@example.com:1')).rejects.toMatchObject({
      code: 'LOGIN_REQUIRED',
      oauthError: 'invalid_code',
    });
    await expect(m.getAccessToken('ed@example.com:1')).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' });
    expect(zoho.requests.length).toBe(count + 1);
  });

  it('Zoho\'s "Access Denied: too many requests" is retried as a rate limit, then UNAVAILABLE', async () => {
    const store = new MemoryTokenStore();
    await store.saveToken({ userName: 'fi@example.com:1', ...CLIENT, refreshToken: '1000.rl', expiresAt: 0 });
    const denied = {
      status: 400,
      body: {
        error: 'Access Denied',
        error_description: 'You have made too many requests continuously. Please try again after some time.',
      },
    };
    zoho.answer(TOKEN, denied, denied, denied);
    const count = zoho.requests.length;
    await expect(manager(store).getAccessToken('fi@example.com:1')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      status: 429,
    });
    expect(zoho.requests.length).toBe(count + 3);
    expect(await store.findToken({ userName: 'fi@example.com:1' })).toBeDefined();
  });

  it('revoke calls /oauth/v2/token/revoke with the refresh token and deletes the stored token', async () => {
    const store = new MemoryTokenStore();
    await store.saveToken({
      userName: 'gu@example.com:1',
      ...CLIENT,
      accessToken: '1000.a',
      refreshToken: '1000.revoke-me',
      expiresAt: Date.now() + 3600_000,
    });
    zoho.answer(REVOKE, { body: { status: 'success' } });
    expect(await manager(store).revoke('gu@example.com:1')).toEqual({ revoked: true });
    const sent = zoho.requests.at(-1)!;
    expect(sent.path).toBe(REVOKE);
    expect(sent.query.get('token')).toBe('1000.revoke-me');
    expect(await store.getTokens()).toEqual([]);
  });
});
