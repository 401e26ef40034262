// The first leg of the authorization-code flow: the URL to send the user to, with a fresh `state` and a
// PKCE code verifier (RFC 7636, S256) that the caller keeps (e.g. in its session) for `exchangeGrant`.
import { inspect } from 'node:util';
import * as oauth from 'oauth4webapi';
import type { ResolvedProvider } from './provider.js';

export interface AuthorizationRequest {
  /** Where to send the user's browser. */
  readonly url: URL;
  /** The `state` sent; pass it back to `exchangeGrant` to check the callback. */
  readonly state: string;
  /** The PKCE code verifier (a secret: keep it server-side); undefined when the provider gets no PKCE. */
  readonly codeVerifier: string | undefined;
  /** The redirect URI sent; the token request must repeat it. */
  readonly redirectUri: string;
}

export interface AuthorizationRequestOptions {
  /** The redirect URI registered for the client; default the TokenManager's `redirectUri`. */
  redirectUri?: string;
  /** Space-separated scopes; default the TokenManager's `scope`. */
  scope?: string;
  /** A state of your own; default a random one. */
  state?: string;
  /** More query parameters (`login_hint`, `prompt`, ...), added after the provider's own. */
  params?: Readonly<Record<string, string>>;
}

export async function buildAuthorizationRequest(
  provider: ResolvedProvider,
  clientId: string,
  options: AuthorizationRequestOptions & { redirectUri: string },
): Promise<AuthorizationRequest> {
  const endpoint = provider.as.authorization_endpoint;
  if (!endpoint) throw new TypeError(`${provider.name} has no authorization endpoint`);
  const url = new URL(endpoint);
  const state = options.state ?? oauth.generateRandomState();
  const codeVerifier = provider.pkce ? oauth.generateRandomCodeVerifier() : undefined;
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  if (options.scope) url.searchParams.set('scope', options.scope);
  url.searchParams.set('state', state);
  if (codeVerifier) {
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [key, value] of Object.entries({ ...provider.authorizationParams, ...options.params })) {
    url.searchParams.set(key, value);
  }
  const request = { url, state, codeVerifier, redirectUri: options.redirectUri };
  // Printing the request (a log line, a debugger) must not show the verifier.
  Object.defineProperty(request, inspect.custom, {
    value: () => `AuthorizationRequest { url: '${url.href}', state: '${state}', codeVerifier: '[redacted]' }`,
    enumerable: false,
  });
  Object.defineProperty(request, 'toJSON', {
    value: () => ({
      url: url.href,
      state,
      codeVerifier: codeVerifier && '[redacted]',
      redirectUri: options.redirectUri,
    }),
    enumerable: false,
  });
  return request;
}
