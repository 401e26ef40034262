// The local OAuth server the demo talks to, and how the demo's TokenManagers are configured against it.
// The same settings reach worker processes through `ManagerSettings`, so every process refreshes alike.
import type { TokenStore } from '@tokens/core';
import { TokenManager } from '@tokens/oauth';
import { type OidcServer, startOidcServer } from '@tokens/oidc-server';

export const CLIENT_ID = 'tokens-demo';

/**
 * Refresh when less than this remains. The TokenManager's default (60 s) would make the demo's
 * short-lived access tokens count as expired from the start; 1 s keeps "valid" meaning valid.
 */
export const REFRESH_SKEW_MS = 1000;

/** What a process needs to build a TokenManager against the demo's server (the secret travels by env). */
export interface ManagerSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export function createManager(store: TokenStore, settings: ManagerSettings): TokenManager {
  return new TokenManager({
    store,
    // http:// is allowed because the server is this demo's own, on 127.0.0.1.
    provider: { issuer: settings.issuer, allowInsecureRequests: true },
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: settings.redirectUri,
    scope: 'openid',
    refreshSkewMs: REFRESH_SKEW_MS,
    // Fail fast: the server is local, a slow answer means something is wrong.
    httpTimeoutMs: 5000,
    retry: { attempts: 2 },
  });
}

export interface DemoServer {
  readonly oidc: OidcServer;
  readonly settings: ManagerSettings;
  /** The server's userinfo endpoint: the "API" that accepts a valid access token. */
  readonly userinfoEndpoint: string;
  /** Token-endpoint calls answered so far (every grant type, success or not). */
  tokenCalls(grantType?: string): number;
  close(): Promise<void>;
}

export async function startDemoServer(options: {
  redirectUri: string;
  accessTokenTtlSeconds: number;
}): Promise<DemoServer> {
  const oidc = await startOidcServer({
    clientId: CLIENT_ID,
    redirectUris: [options.redirectUri],
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
  });
  try {
    const response = await fetch(`${oidc.issuer}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as { userinfo_endpoint?: string };
    if (!metadata.userinfo_endpoint) throw new Error('the OAuth server announces no userinfo endpoint');
    const { clientId, clientSecret, redirectUri } = oidc.client;
    return {
      oidc,
      settings: { issuer: oidc.issuer, clientId, clientSecret, redirectUri },
      userinfoEndpoint: metadata.userinfo_endpoint,
      tokenCalls: (grantType) => oidc.log.count({ endpoint: 'token', grantType }),
      close: () => oidc.close(),
    };
  } catch (error) {
    await oidc.close();
    throw error;
  }
}

/** Calls the userinfo endpoint with an access token; returns the HTTP status and the claims. */
export async function callApi(
  server: DemoServer,
  accessToken: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(server.userinfoEndpoint, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (an error page): keep the text.
  }
  return { status: response.status, body };
}
