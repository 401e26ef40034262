// TokenManager: the token lifecycle over any TokenStore. Exchanges authorization codes, hands out valid
// access tokens (refreshing each token exactly once however many callers and processes ask at the same
// time), and revokes. See README.md for the guarantees and their limits.
import type { OAuthToken, StoredToken } from '@tokens/core';
import {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  buildAuthorizationRequest,
} from './authorization-request.js';
import { callbackParameters, type ExchangeGrantOptions } from './callback-parameters.js';
import { CriticalSection } from './critical-section.js';
import { TokenManagerError } from './errors.js';
import { type ResolvedTiming, resolveTiming, type TokenManagerOptions } from './options.js';
import { type GrantResult, ProviderClient } from './provider-client.js';
import { SingleFlight } from './single-flight.js';
import { StoreAccess, type TokenRef } from './store-access.js';

export type { ExchangeGrantOptions, TokenRef };

export interface RevokeResult {
  /** Whether the provider's revocation endpoint was called (false: no stored token, or no endpoint). */
  revoked: boolean;
}

export class TokenManager {
  readonly #tokens: StoreAccess;
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
    this.#tokens = new StoreAccess(options.store, options.clientId);
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
    // Another client's token for this user is refused before the code is spent (find throws).
    await this.#tokens.find({ userName: options.userName }, operation);
    const provider = await this.#client.resolved(operation);
    const params = callbackParameters(provider.as, this.#client.client, options, this.#clientSecret);
    const grant = await this.#client.exchangeCode(operation, params, redirectUri, options.codeVerifier);
    const token: OAuthToken = {
      userName: options.userName,
      clientId: this.#clientId,
      clientSecret: this.#clientSecret,
      redirectUrl: redirectUri,
      ...this.#grantFields(grant),
    };
    // A refresh of this user's previous token must not land after (and over) the new one.
    const existing = await this.#tokens.find({ userName: options.userName }, operation);
    if (!existing) return this.#tokens.save(token, operation);
    return this.#section.run(existing.id, operation, () => this.#tokens.save(token, operation));
  }

  /** A valid access token for `ref`, refreshed first when it expires within `refreshSkewMs`. */
  async getAccessToken(ref: TokenRef): Promise<string> {
    const token = await this.getToken(ref);
    return token.accessToken as string;
  }

  /** The stored token for `ref` with a valid access token (and `apiDomain`, for Zoho's APIs). */
  async getToken(ref: TokenRef): Promise<StoredToken> {
    const operation = 'getAccessToken';
    const token = await this.#tokens.find(ref, operation);
    if (!token) throw loginRequired('no token is stored for this user', operation);
    if (this.#fresh(token)) return token;
    return this.#flights.run(token.id, async () => {
      // Discovery first: the lease's time is for the refresh itself.
      await this.#client.resolved(operation);
      return this.#section.run(token.id, operation, (deadline) =>
        this.#refreshIfNeeded(token, deadline, operation),
      );
    });
  }

  /** Revokes the token at the provider (RFC 7009; refresh token preferred) and deletes it from the store. */
  async revoke(ref: TokenRef): Promise<RevokeResult> {
    const operation = 'revoke';
    const token = await this.#tokens.find(ref, operation);
    if (!token) return { revoked: false };
    await this.#client.resolved(operation);
    return this.#section.run(token.id, operation, async (deadline) => {
      const current = await this.#tokens.findById(token.id, operation);
      if (!current) return { revoked: false };
      const [secret, hint] = current.refreshToken
        ? [current.refreshToken, 'refresh_token' as const]
        : [current.accessToken, 'access_token' as const];
      const revoked = secret ? await this.#client.revoke(operation, secret, hint, deadline) : false;
      await this.#tokens.delete(current.id, operation);
      return { revoked };
    });
  }

  // Runs holding the token's lease: another process may have refreshed (or deleted) it meanwhile.
  async #refreshIfNeeded(seen: StoredToken, deadline: number, operation: string): Promise<StoredToken> {
    const current = await this.#tokens.findById(seen.id, operation);
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
        await this.#tokens.delete(current.id, operation).catch(() => undefined);
      }
      throw error;
    }
    return this.#tokens.save({ id: current.id, ...this.#grantFields(grant) }, operation);
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
}

function loginRequired(reason: string, operation: string): TokenManagerError {
  return new TokenManagerError('LOGIN_REQUIRED', `the user must log in again: ${reason}`, { operation });
}
