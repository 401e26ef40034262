// No secret (access, refresh or grant token, client secret, code verifier) in any message, stack, cause,
// util.inspect or JSON of what the manager returns or throws, or of the manager itself.
import { inspect } from 'node:util';
import { MemoryTokenStore } from '@tokens/core';
import type { OidcServer } from '@tokens/oidc-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TokenManager, zohoProvider } from '../src/index.js';
import { logIn, managerFor, randomUser, withServer } from './support/logged-in.js';
import { startZohoStandIn, type ZohoStandIn } from './support/zoho-stand-in.js';

let server: OidcServer;
let zoho: ZohoStandIn;
beforeAll(async () => {
  server = await withServer();
  zoho = await startZohoStandIn();
});
afterAll(async () => {
  await server.close();
  await zoho.close();
});

function everyRendering(value: unknown): string {
  const parts = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) {
    parts.push(value.message, value.stack ?? '');
    const cause = value.cause as Error | undefined;
    if (cause) parts.push(cause.message, cause.stack ?? '', inspect(cause, { depth: 10, showHidden: true }));
  }
  return parts.join('\n');
}

function expectNoSecrets(value: unknown, secrets: (string | undefined)[]) {
  const text = everyRendering(value);
  for (const secret of secrets) if (secret) expect(text).not.toContain(secret);
}

it('the manager, its authorization requests and the tokens it returns print no secret', async () => {
  const store = new MemoryTokenStore();
  const manager = managerFor(server, store);
  const request = await manager.createAuthorizationRequest();
  const userName = randomUser();
  const callbackUrl = await server.login(request.url, userName);
  const code = callbackUrl.searchParams.get('code') ?? undefined;
  const token = await manager.exchangeGrant({
    userName,
    callbackUrl,
    state: request.state,
    codeVerifier: request.codeVerifier,
  });
  const fresh = await manager.getToken(userName);
  const secrets = [
    server.client.clientSecret,
    token.accessToken,
    token.refreshToken,
    request.codeVerifier,
    code,
  ];
  for (const value of [manager, request, token, fresh]) expectNoSecrets(value, secrets);
  expect(inspect(request)).toContain('[redacted]');
});

it('errors of a dead refresh token, a refused client and a refused code print no secret', async () => {
  const store = new MemoryTokenStore();
  const manager = managerFor(server, store);
  const userName = randomUser();
  const token = await logIn(server, manager, userName);
  const secrets = [server.client.clientSecret, token.accessToken, token.refreshToken, 'not-the-secret-value'];

  await store.saveToken({ id: token.id, expiresAt: 0 });
  const refused = await managerFor(server, store, { clientSecret: 'not-the-secret-value' })
    .getAccessToken(userName)
    .catch((e) => e);
  expect(refused.code).toBe('PROVIDER');
  expectNoSecrets(refused, secrets);

  await server.revokeDirectly(token.refreshToken as string);
  const dead = await manager.getAccessToken(userName).catch((e) => e);
  expect(dead.code).toBe('LOGIN_REQUIRED');
  expectNoSecrets(dead, secrets);

  const badCode = await manager.exchangeGrant({ userName, code: 'a-made-up-code-value' }).catch((e) => e);
  expect(badCode.code).toBe('PROVIDER');
  expectNoSecrets(badCode, [...secrets, 'a-made-up-code-value']);
});

it('a provider that echoes the refresh token in its error description: scrubbed', async () => {
  const store = new MemoryTokenStore();
  await store.saveToken({
    userName: 'echo@example.com',
    clientId: 'c',
    clientSecret: 'echo-client-secret',
    refreshToken: 'echoed-refresh-token',
    expiresAt: 0,
  });
  zoho.answer('/oauth/v2/token', {
    body: {
      error: 'invalid_request',
      error_description: 'bad token echoed-refresh-token for echo-client-secret',
    },
  });
  const manager = new TokenManager({
    store,
    provider: zohoProvider({ accountsUrl: zoho.url, allowInsecureRequests: true }),
    clientId: 'c',
    clientSecret: 'echo-client-secret',
  });
  const error = await manager.getAccessToken('echo@example.com').catch((e) => e);
  expect(error).toMatchObject({ code: 'PROVIDER', oauthError: 'invalid_request' });
  expectNoSecrets(error, ['echoed-refresh-token', 'echo-client-secret']);
});
