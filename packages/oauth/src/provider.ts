// How a TokenManager reaches an authorization server: by issuer (discovery) or by explicit endpoints, with
// the client authentication method, PKCE and the provider's quirks (a custom fetch) described once.
import type * as oauth from 'oauth4webapi';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** Any RFC 6749 / OpenID Connect provider. Give `issuer` (discovery), or `tokenEndpoint` (explicit). */
export interface OAuthProvider {
  /** A name for messages, e.g. `Zoho`. Default: the issuer's host. */
  name?: string;
  /**
   * The issuer URL. Alone, its metadata is discovered (see `discovery`); with `tokenEndpoint`, it is only
   * the expected `iss` of ID tokens. Default with explicit endpoints: the token endpoint's origin.
   */
  issuer?: string;
  /** Which discovery document to read: `oidc` (`/.well-known/openid-configuration`, default) or `oauth2` (RFC 8414). */
  discovery?: 'oidc' | 'oauth2';
  /** Explicit endpoints; when `tokenEndpoint` is set, nothing is discovered. */
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  /** RFC 7009 revocation endpoint; without one, `revoke()` only deletes the stored token. */
  revocationEndpoint?: string;
  /** Client authentication at the token and revocation endpoints. Default `client_secret_basic`, or `client_secret_post` when discovery lists only that. */
  clientAuthMethod?: ClientAuthMethod;
  /** Send a PKCE S256 challenge. Default true, unless discovery lists challenge methods without S256. */
  pkce?: boolean;
  /** Extra authorization request parameters (Zoho: `access_type=offline`, `prompt=consent`). */
  authorizationParams?: Readonly<Record<string, string>>;
  /** OAuth `error` codes of a refresh that mean the refresh token is dead. Default `['invalid_grant']`. */
  loginRequiredErrors?: readonly string[];
  /** A fetch to use instead of the global one (oauth4webapi's `customFetch`); presets adapt responses here. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Allow `http://` endpoints. For local test servers only. Default false. */
  allowInsecureRequests?: boolean;
}

/** A provider with its metadata known. */
export interface ResolvedProvider {
  readonly name: string;
  readonly as: oauth.AuthorizationServer;
  readonly clientAuthMethod: ClientAuthMethod;
  readonly pkce: boolean;
  readonly authorizationParams: Readonly<Record<string, string>>;
  readonly loginRequiredErrors: ReadonlySet<string>;
}

/** The provider's settings that do not depend on discovery, merged with what the metadata says. */
export function resolveProvider(provider: OAuthProvider, as: oauth.AuthorizationServer): ResolvedProvider {
  const methods = as.token_endpoint_auth_methods_supported;
  const postOnly =
    methods !== undefined &&
    !methods.includes('client_secret_basic') &&
    methods.includes('client_secret_post');
  const challenges = as.code_challenge_methods_supported;
  return {
    name: provider.name ?? new URL(as.issuer).host,
    as,
    clientAuthMethod: provider.clientAuthMethod ?? (postOnly ? 'client_secret_post' : 'client_secret_basic'),
    pkce: provider.pkce ?? (challenges === undefined || challenges.includes('S256')),
    authorizationParams: provider.authorizationParams ?? {},
    loginRequiredErrors: new Set(provider.loginRequiredErrors ?? ['invalid_grant']),
  };
}

/** The metadata of a provider given by explicit endpoints. */
export function explicitMetadata(
  provider: OAuthProvider & { tokenEndpoint: string },
): oauth.AuthorizationServer {
  return {
    issuer: provider.issuer ?? new URL(provider.tokenEndpoint).origin,
    token_endpoint: provider.tokenEndpoint,
    authorization_endpoint: provider.authorizationEndpoint,
    revocation_endpoint: provider.revocationEndpoint,
  };
}
