// TokenManager: the token lifecycle over any TokenStore. Exchanges authorization codes, hands out valid
// access tokens (refreshing each token exactly once however many callers and processes ask at the same
// time), and revokes. See README.md for the guarantees and their limits.
import type { OAuthToken, StoredToken, TokenStore } from '@tokens/core';
import * as oauth from 'oauth4webapi';
import {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  buildAuthorizationRequest,
} from './authorization-request.js';
import { CriticalSection } from './critical-section.js';
import { storeError, TokenManagerError } from './errors.js';
import { type ResolvedTiming, resolveTiming, type TokenManagerOptions } from './options.js';
import { type GrantResult, ProviderClient } from './provider-client.js';
import { SingleFlight } from './single-flight.js';

/** Which stored token: a user name (Zoho's `email:orgId`, or any name you gave `exchangeGrant`), or an id. */
export type TokenRef = string | { userName: string } | { id: string };

export interface ExchangeGrantOptions {
  /** The identity the token is saved under (the store's `userName`). */
  userName: string;
  /** The URL (or its query) the provider redirected to; its `state` is checked against `state`. */
  callbackUrl?: string | URL | URLSearchParams;
  /** The `state` of the authorization request; required with `callbackUrl`. */
  state?: string;
  /** Instead of `callbackUrl`: a code obtained otherwise (e.g. a Zoho self-client grant token). */
  code?: string;
  /** The PKCE verifier of the authorization request, when it had one. */
  codeVerifier?: string;
  /** The redirect URI of the authorization request; default the manager's `redirectUri`. */
  redirectUri?: string;
}

export interface RevokeResult {
  /** Whether the provider's revocation endpoint was called (false: no stored token, or no endpoint). */
  revoked: boolean;
}

export class TokenManager {
  readonly #store: TokenStore;
  readonly #client: ProviderClient;
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #redirectUri: string | undefined;
  readonly #scope: string | undefined;
  readonly #timing: ResolvedTiming;
  readonly #now: () => number;
  readonly #flights = new SingleFlight<StoredToken>();
  readonly #section: CriticalSection;

  constructor(options: TokenManagerOptions) {
    if (!options.clientId || !options.clientSecret)
      throw new TypeError('clientId and clientSecret are required');
    this.#store = options.store;
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#redirectUri = options.redirectUri;
    this.#scope = options.scope;
    this.#timing = resolveTiming(options);
    this.#now = options.now ?? Date.now;
    const { httpTimeoutMs: timeoutMs, retry, leaseTtlMs: ttlMs, lockWaitMs: waitMs } = this.#timing;
    this.#client = new ProviderClient(options.provider, options, { timeoutMs, retry });
    this.#section = new CriticalSection(options.store, { ttlMs, waitMs });
  }

  /** The URL to send the user to, with a fresh state and PKCE verifier to keep for `exchangeGrant`. */
  async createAuthorizationRequest(options: AuthorizationRequestOptions = {}): Promise<AuthorizationRequest> {
    const redirectUri = options.redirectUri ?? this.#redirectUri;
    if (!redirectUri)
      throw new TokenManagerError('INVALID_ARGUMENT', 'a redirectUri is required', {
        operation: 'createAuthorizationRequest',
      });
    const provider = await this.#client.resolved('createAuthorizationRequest');
    return buildAuthorizationRequest(provider, this.#clientId, {
      scope: this.#scope,
      ...options,
      redirectUri,
    });
  }

  /** Exchanges an authorization code for tokens and saves them under `userName`; returns the stored token. */
  async exchangeGrant(options: ExchangeGrantOptions): Promise<StoredToken> {
    const operation = 'exchangeGrant';
    const redirectUri = options.redirectUri ?? this.#redirectUri;
    if (!options.userName || !redirectUri) {
      throw new TokenManagerError('INVALID_ARGUMENT', 'userName and a redirectUri are required', {
        operation,
      });
    }
    const provider = await this.#client.resolved(operation);
    const params = this.#callbackParameters(provider.as, options);
    const grant = await this.#client.exchangeCode(operation, params, redirectUri, options.codeVerifier);
    const token: OAuthToken = {
      userName: options.userName,
      clientId: this.#clientId,
      clientSecret: this.#clientSecret,
      redirectUrl: redirectUri,
      ...this.#grantFields(grant),
    };
    // A refresh of this user's previous token must not land after (and over) the new one.
    const existing = await this.#find({ userName: options.userName }, operation);
    if (!existing) return this.#save(token, operation);
    return this.#section.run(existing.id, operation, () => this.#save(token, operation));
  }

  /** A valid access token for `ref`, refreshed first when it expires within `refreshSkewMs`. */
  async getAccessToken(ref: TokenRef): Promise<string> {
    const token = await this.getToken(ref);
    return token.accessToken as string;
  }

  /** The stored token for `ref` with a valid access token (and `apiDomain`, for Zoho's APIs). */
  async getToken(ref: TokenRef): Promise<StoredToken> {
    const operation = 'getAccessToken';
    const token = await this.#find(ref, operation);
    if (!token) throw loginRequired('no token is stored for this user', operation);
    if (this.#fresh(token)) return token;
    return this.#flights.run(token.id, () =>
      this.#section.run(token.id, operation, (deadline) => this.#refreshIfNeeded(token, deadline, operation)),
    );
  }

  /** Revokes the token at the provider (RFC 7009; refresh token preferred) and deletes it from the store. */
  async revoke(ref: TokenRef): Promise<RevokeResult> {
    const operation = 'revoke';
    const token = await this.#find(ref, operation);
    if (!token) return { revoked: false };
    return this.#section.run(token.id, operation, async (deadline) => {
      const current = await this.#findById(token.id, operation);
      if (!current) return { revoked: false };
      const [secret, hint] = current.refreshToken
        ? [current.refreshToken, 'refresh_token' as const]
        : [current.accessToken, 'access_token' as const];
      const revoked = secret ? await this.#client.revoke(operation, secret, hint, deadline) : false;
      await this.#delete(current.id, operation);
      return { revoked };
    });
  }

  // Runs holding the token's lease: another process may have refreshed (or deleted) it meanwhile.
  async #refreshIfNeeded(seen: StoredToken, deadline: number, operation: string): Promise<StoredToken> {
    const current = await this.#findById(seen.id, operation);
    if (!current)
      throw loginRequired('the token was deleted (revoked, or its refresh token was rejected)', operation);
    // A token someone else refreshed is taken while still valid, even within the skew: refreshing it
    // again would be a second refresh.
    const refreshedMeanwhile = current.accessToken !== seen.accessToken;
    if (refreshedMeanwhile ? this.#valid(current, 0) : this.#fresh(current)) return current;
    if (!current.refreshToken) throw loginRequired('the stored token has no refresh token', operation);
    let grant: GrantResult;
    try {
      grant = await this.#client.refresh(operation, current.refreshToken, deadline);
    } catch (error) {
      // A dead refresh token is never sent again: the stored token goes, and later calls ask for a login.
      if (error instanceof TokenManagerError && error.code === 'LOGIN_REQUIRED') {
        await this.#store.deleteToken(current.id).catch(() => undefined);
      }
      throw error;
    }
    return this.#save({ id: current.id, ...this.#grantFields(grant) }, operation);
  }

  #callbackParameters(as: oauth.AuthorizationServer, options: ExchangeGrantOptions): URLSearchParams {
    const operation = 'exchangeGrant';
    try {
      if (options.callbackUrl !== undefined) {
        if (!options.state)
          throw new TokenManagerError('INVALID_ARGUMENT', 'state is required with callbackUrl', {
            operation,
          });
        const { callbackUrl } = options;
        const input =
          callbackUrl instanceof URLSearchParams || callbackUrl instanceof URL
            ? callbackUrl
            : new URL(callbackUrl, 'http://callback.invalid');
        return oauth.validateAuthResponse(as, this.#client.client, input, options.state);
      }
      if (!options.code)
        throw new TokenManagerError('INVALID_ARGUMENT', 'callbackUrl or code is required', { operation });
      // A bare code never came through a redirect: there is no state or `iss` parameter to check.
      const bare = { ...as, authorization_response_iss_parameter_supported: false };
      return oauth.validateAuthResponse(
        bare,
        this.#client.client,
        new URLSearchParams({ code: options.code }),
        oauth.skipStateCheck,
      );
    } catch (error) {
      if (error instanceof TokenManagerError) throw error;
      if (error instanceof oauth.AuthorizationResponseError) {
        throw new TokenManagerError('PROVIDER', `the authorization was refused (${error.error})`, {
          operation,
          oauthError: error.error,
        });
      }
      const secrets = [options.code, options.codeVerifier, this.#clientSecret];
      throw new TokenManagerError(
        'INVALID_ARGUMENT',
        'the callback does not match the authorization request',
        { operation, cause: error, secrets },
      );
    }
  }

  #grantFields(grant: GrantResult): OAuthToken {
    const expiresIn = grant.expiresIn ?? this.#timing.defaultExpiresInSeconds;
    const fields: OAuthToken = {
      accessToken: grant.accessToken,
      expiresAt: Math.round(this.#now() + expiresIn * 1000),
    };
    // Absent from the response: not sent, so the store keeps the stored value (refresh token, api domain).
    if (grant.refreshToken) fields.refreshToken = grant.refreshToken;
    if (grant.apiDomain) fields.apiDomain = grant.apiDomain;
    return fields;
  }

  #valid(token: OAuthToken, skewMs: number): boolean {
    if (!token.accessToken) return false;
    return token.expiresAt === undefined || token.expiresAt - skewMs > this.#now();
  }

  #fresh(token: OAuthToken): boolean {
    return this.#valid(token, this.#timing.refreshSkewMs);
  }

  async #find(ref: TokenRef, operation: string): Promise<StoredToken | undefined> {
    if (typeof ref === 'object' && ref !== null && 'id' in ref) return this.#findById(ref.id, operation);
    const userName = typeof ref === 'string' ? ref : ref?.userName;
    if (typeof userName !== 'string' || userName === '') {
      throw new TokenManagerError('INVALID_ARGUMENT', 'a token is named by a non-empty userName or an id', {
        operation,
      });
    }
    try {
      return await this.#store.findToken({ userName });
    } catch (error) {
      throw storeError(error, operation);
    }
  }

  async #findById(id: string, operation: string): Promise<StoredToken | undefined> {
    try {
      return await this.#store.findTokenById(id);
    } catch (error) {
      throw storeError(error, operation);
    }
  }

  async #save(token: OAuthToken, operation: string): Promise<StoredToken> {
    try {
      return await this.#store.saveToken(token);
    } catch (error) {
      throw storeError(error, operation);
    }
  }

  async #delete(id: string, operation: string): Promise<void> {
    try {
      await this.#store.deleteToken(id);
    } catch (error) {
      throw storeError(error, operation);
    }
  }
}

function loginRequired(reason: string, operation: string): TokenManagerError {
  return new TokenManagerError('LOGIN_REQUIRED', `the user must log in again: ${reason}`, { operation });
}
