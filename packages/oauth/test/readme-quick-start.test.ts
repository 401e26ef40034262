// The README's quick start, run as written against the built package, pointed by environment variables at a
// local OpenID provider where a user has logged in.
import { fileURLToPath } from 'node:url';
import { MemoryTokenStore } from '@tokens/core';
import { startOidcServer } from '@tokens/oidc-server';
import { runQuickStart } from '@tokens/testing';
import { expect, it } from 'vitest';
import { logIn, managerFor } from './support/logged-in.js';

it('the quick start in README.md runs and prints what it says', async () => {
  await using server = await startOidcServer();
  const token = await logIn(server, managerFor(server, new MemoryTokenStore()), 'ada@example.com');
  const out = await runQuickStart(fileURLToPath(new URL('..', import.meta.url)), {
    OAUTH_ISSUER: server.issuer,
    OAUTH_CLIENT_ID: server.client.clientId,
    OAUTH_CLIENT_SECRET: server.client.clientSecret,
    OAUTH_REDIRECT_URI: server.client.redirectUri,
    OAUTH_REFRESH_TOKEN: token.refreshToken as string,
  });
  expect(out).toMatch(/^true\ntrue\n/);
  expect(out).toContain("refreshToken: '[redacted]'");
  expect(out).toContain('{ revoked: true }');
  expect(out).toMatch(/^LOGIN_REQUIRED$/m);
  expect(out).not.toContain(token.refreshToken);
  expect(out).not.toContain(server.client.clientSecret);
  expect(server.log.count({ grantType: 'refresh_token', ok: true })).toBe(1);
  expect(server.log.count({ endpoint: 'revocation', ok: true })).toBe(1);
});
