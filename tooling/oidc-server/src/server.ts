/// <reference path="./oidc-provider.d.ts" />
// startOidcServer: oidc-provider on 127.0.0.1 with the harness's client, login page and request log.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completeLogin } from './auto-login.js';
import { providerConfiguration } from './configuration.js';
import { handleInteraction, INTERACTION_PATH } from './interactions.js';
import { type OidcServerOptions, resolveOptions } from './options.js';
import { withoutProviderNotices } from './quiet.js';
import { RequestLog } from './request-log.js';

export interface OidcServer extends AsyncDisposable {
  /** The issuer URL (`http://127.0.0.1:<port>`); discovery at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** The registered client. `redirectUri` is the first of its redirect URIs. */
  readonly client: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly redirectUri: string;
    readonly authMethod: string;
  };
  /** Every answered token/revocation request, in order, with `count({ endpoint, grantType, ok })`. */
  readonly log: RequestLog;
  /** oidc-provider's development notices that were collected instead of printed. */
  readonly notices: readonly string[];
  /** Follows an authorization URL through login and consent as `userName`; returns the callback URL. */
  login(authorizationUrl: string | URL, userName: string): Promise<URL>;
  /**
   * Sends a refresh_token grant straight to the token endpoint (no library in between) and returns the
   * status and OAuth error: to prove the server accepts or rejects a refresh token.
   */
  tryRefresh(refreshToken: string): Promise<{ status: number; error?: string; refreshToken?: string }>;
  /** Revokes a token straight at the revocation endpoint, as a user removing the app's access would. */
  revokeDirectly(token: string): Promise<number>;
  close(): Promise<void>;
}

export async function startOidcServer(options: OidcServerOptions = {}): Promise<OidcServer> {
  const resolved = resolveOptions(options);
  const notices: string[] = [];
  const quietly = <T>(fn: () => Promise<T>) =>
    resolved.printNotices ? fn() : withoutProviderNotices(notices, fn);

  const http = createServer();
  http.listen(resolved.port, '127.0.0.1');
  await once(http, 'listening');
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const log = new RequestLog();
  const provider = await quietly(async () => {
    const { default: Provider } = await import('oidc-provider');
    const p = new Provider(issuer, providerConfiguration(resolved));
    p.use(log.middleware);
    return p;
  });
  const callback = provider.callback();
  http.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (INTERACTION_PATH.test(path)) void handleInteraction(provider, req, res);
    else callback(req, res);
  });
  // The first request initialises the in-memory adapter, which announces itself as development-only.
  await quietly(() => fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.arrayBuffer()));

  const client = {
    clientId: resolved.clientId,
    clientSecret: resolved.clientSecret,
    redirectUri: resolved.redirectUris[0]!,
    authMethod: resolved.clientAuthMethod,
  };
  const close = async () => {
    if (!http.listening) return;
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
  return {
    issuer,
    client,
    log,
    notices,
    login: (authorizationUrl, userName) => completeLogin(authorizationUrl, userName, resolved.redirectUris),
    tryRefresh: async (refreshToken) => {
      const response = await clientPost(`${issuer}/token`, client, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      });
      const json = (await response.json()) as { error?: string; refresh_token?: string };
      return { status: response.status, error: json.error, refreshToken: json.refresh_token };
    },
    revokeDirectly: async (token) => {
      const response = await clientPost(`${issuer}/token/revocation`, client, { token });
      await response.arrayBuffer();
      return response.status;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A form POST authenticated as the registered client, without any OAuth library. */
function clientPost(
  url: string,
  client: OidcServer['client'],
  form: Record<string, string>,
): Promise<Response> {
  const body = new URLSearchParams(form);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (client.authMethod === 'client_secret_basic') {
    const user = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`;
  } else {
    body.set('client_id', client.clientId);
    body.set('client_secret', client.clientSecret);
  }
  return fetch(url, { method: 'POST', headers, body });
}
