// A local OpenID provider and a user who has logged in through it: the starting point of most tests.
import { MemoryTokenStore, type StoredToken, type TokenStore } from '@tokens/core';
import { type OidcServer, type OidcServerOptions, startOidcServer } from '@tokens/oidc-server';
import { TokenManager, type TokenManagerOptions } from '../../src/index.js';

export function managerFor(
  server: OidcServer,
  store: TokenStore,
  options: Partial<TokenManagerOptions> = {},
): TokenManager {
  return new TokenManager({
    store,
    provider: { issuer: server.issuer, allowInsecureRequests: true },
    clientId: server.client.clientId,
    clientSecret: server.client.clientSecret,
    redirectUri: server.client.redirectUri,
    scope: 'openid',
    ...options,
  });
}

/** Logs `userName` in through the server's login page and saves the token with `manager`. */
export async function logIn(
  server: OidcServer,
  manager: TokenManager,
  userName: string,
): Promise<StoredToken> {
  const request = await manager.createAuthorizationRequest();
  const callbackUrl = await server.login(request.url, userName);
  return manager.exchangeGrant({
    userName,
    callbackUrl,
    state: request.state,
    codeVerifier: request.codeVerifier,
  });
}

export function randomUser(): string {
  return `user-${Math.random().toString(36).slice(2, 10)}@example.com`;
}

export async function withServer(options: OidcServerOptions = {}): Promise<OidcServer> {
  return startOidcServer(options);
}

export { MemoryTokenStore };
