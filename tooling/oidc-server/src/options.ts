// The harness's options and the client it registers, with their defaults in one place.
import { randomBytes } from 'node:crypto';

export type ClientAuthMethod = 'client_secret_post' | 'client_secret_basic';

export interface OidcServerOptions {
  /** Port on 127.0.0.1; default 0 (a free port chosen by the system). */
  port?: number;
  /** Client id of the registered client; default `test-client`. */
  clientId?: string;
  /** Its secret; default a random one per server. */
  clientSecret?: string;
  /** How the client authenticates at the token and revocation endpoints; default `client_secret_post`. */
  clientAuthMethod?: ClientAuthMethod;
  /** Redirect URIs the client may use; default `['http://127.0.0.1/callback']` (never served). */
  redirectUris?: string[];
  /** Lifetime of access tokens, in seconds; default 3600. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of refresh tokens, in seconds; default 14 days. */
  refreshTokenTtlSeconds?: number;
  /** Each refresh returns a new refresh token and consumes the old one (RFC 9700 §4.14.2); default true. */
  rotateRefreshToken?: boolean;
  /** Whether authorization requests must carry a PKCE S256 challenge; default true. */
  pkceRequired?: boolean;
  /** Print oidc-provider's development notices instead of collecting them in `server.notices`; default false. */
  printNotices?: boolean;
}

export interface ResolvedOptions extends Required<OidcServerOptions> {}

export function resolveOptions(options: OidcServerOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    clientId: options.clientId ?? 'test-client',
    clientSecret: options.clientSecret ?? randomBytes(24).toString('base64url'),
    clientAuthMethod: options.clientAuthMethod ?? 'client_secret_post',
    redirectUris: options.redirectUris ?? ['http://127.0.0.1/callback'],
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 14 * 24 * 3600,
    rotateRefreshToken: options.rotateRefreshToken ?? true,
    pkceRequired: options.pkceRequired ?? true,
    printNotices: options.printNotices ?? false,
  };
}
