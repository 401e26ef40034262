// The provider's endpoints through oauth4webapi: discovery, the authorization-code and refresh-token
// grants, revocation. Each call has a timeout and bounded retries while the provider is unavailable, and
// every failure becomes a TokenManagerError whose code says what to do.
import * as oauth from 'oauth4webapi';
import { TokenManagerError } from './errors.js';
import { explicitMetadata, type OAuthProvider, type ResolvedProvider, resolveProvider } from './provider.js';
import { classifyFailure } from './provider-failure.js';
import { type ResolvedRetry, withRetries } from './retry.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface HttpSettings {
  timeoutMs: number;
  retry: ResolvedRetry;
}

/** What a grant returned, reduced to what is stored. */
export interface GrantResult {
  accessToken: string;
  refreshToken: string | undefined;
  /** Seconds, as oauth4webapi read it (after the provider's quirks were adapted). */
  expiresIn: number | undefined;
  apiDomain: string | undefined;
}

/** The options every oauth4webapi request gets: a timeout, the provider's fetch, http:// for tests. */
interface RequestOptions {
  signal: AbortSignal;
  [oauth.customFetch]?: (url: string, init: RequestInit) => Promise<Response>;
  [oauth.allowInsecureRequests]?: boolean;
}

type Send = (options: RequestOptions) => Promise<Response>;

export class ProviderClient {
  #resolved: Promise<ResolvedProvider> | undefined;
  readonly #client: oauth.Client;
  readonly #secret: string;

  constructor(
    private readonly provider: OAuthProvider,
    credentials: ClientCredentials,
    private readonly http: HttpSettings,
  ) {
    this.#client = { client_id: credentials.clientId };
    this.#secret = credentials.clientSecret;
  }

  get client(): oauth.Client {
    return this.#client;
  }

  /** The provider's metadata, discovered once (a failed discovery is tried again on the next call). */
  resolved(operation: string): Promise<ResolvedProvider> {
    this.#resolved ??= this.#discover(operation).catch((error) => {
      this.#resolved = undefined;
      throw error;
    });
    return this.#resolved;
  }

  async #discover(operation: string): Promise<ResolvedProvider> {
    const { provider } = this;
    if (provider.tokenEndpoint)
      return resolveProvider(
        provider,
        explicitMetadata({ ...provider, tokenEndpoint: provider.tokenEndpoint }),
      );
    if (!provider.issuer) {
      throw new TokenManagerError('INVALID_ARGUMENT', 'a provider needs an issuer or a tokenEndpoint', {
        operation,
      });
    }
    const issuer = new URL(provider.issuer);
    const as = await this.#call(
      operation,
      Number.POSITIVE_INFINITY,
      (options) => oauth.discoveryRequest(issuer, { ...options, algorithm: provider.discovery ?? 'oidc' }),
      (response) => oauth.processDiscoveryResponse(issuer, response),
    );
    const explicit = {
      revocation_endpoint: provider.revocationEndpoint,
      authorization_endpoint: provider.authorizationEndpoint,
    };
    return resolveProvider(provider, { ...as, ...stripUndefined(explicit) });
  }

  #auth(resolved: ResolvedProvider): oauth.ClientAuth {
    return resolved.clientAuthMethod === 'client_secret_post'
      ? oauth.ClientSecretPost(this.#secret)
      : oauth.ClientSecretBasic(this.#secret);
  }

  async exchangeCode(
    operation: string,
    callbackParameters: URLSearchParams,
    redirectUri: string,
    codeVerifier: string | undefined,
  ): Promise<GrantResult> {
    const resolved = await this.resolved(operation);
    const secrets = [this.#secret, codeVerifier, callbackParameters.get('code') ?? undefined];
    // No retry: an authorization code is single-use, and a second try after a lost answer would fail anyway.
    const json = await this.#call(
      operation,
      Number.POSITIVE_INFINITY,
      (options) =>
        oauth.authorizationCodeGrantRequest(
          resolved.as,
          this.#client,
          this.#auth(resolved),
          callbackParameters,
          redirectUri,
          codeVerifier ?? oauth.nopkce,
          options,
        ),
      (response) => oauth.processAuthorizationCodeResponse(resolved.as, this.#client, response),
      { secrets, retries: false },
    );
    return grantResult(json);
  }

  async refresh(operation: string, refreshToken: string, deadline: number): Promise<GrantResult> {
    const resolved = await this.resolved(operation);
    const json = await this.#call(
      operation,
      deadline,
      (options) =>
        oauth.refreshTokenGrantRequest(
          resolved.as,
          this.#client,
          this.#auth(resolved),
          refreshToken,
          options,
        ),
      (response) => oauth.processRefreshTokenResponse(resolved.as, this.#client, response),
      { secrets: [this.#secret, refreshToken], loginRequired: resolved.loginRequiredErrors },
    );
    return grantResult(json);
  }

  /** Revokes `token` (RFC 7009). Returns false when the provider has no revocation endpoint. */
  async revoke(
    operation: string,
    token: string,
    hint: 'refresh_token' | 'access_token',
    deadline: number,
  ): Promise<boolean> {
    const resolved = await this.resolved(operation);
    if (!resolved.as.revocation_endpoint) return false;
    await this.#call(
      operation,
      deadline,
      (options) =>
        oauth.revocationRequest(resolved.as, this.#client, this.#auth(resolved), token, {
          ...options,
          additionalParameters: { token_type_hint: hint },
        }),
      (response) => oauth.processRevocationResponse(response),
      { secrets: [this.#secret, token] },
    );
    return true;
  }

  /** One protocol call: send with a timeout, classify the answer, retry while the provider is unavailable. */
  #call<T>(
    operation: string,
    deadline: number,
    send: Send,
    process: (response: Response) => Promise<T>,
    extra: { secrets?: (string | undefined)[]; loginRequired?: ReadonlySet<string>; retries?: boolean } = {},
  ): Promise<T> {
    const { provider, http } = this;
    const secrets = extra.secrets ?? [this.#secret];
    const name = provider.name ?? (provider.issuer ? new URL(provider.issuer).host : 'the provider');
    const once = async (): Promise<T> => {
      const options: RequestOptions = { signal: AbortSignal.timeout(http.timeoutMs) };
      if (provider.fetch) options[oauth.customFetch] = provider.fetch;
      if (provider.allowInsecureRequests) options[oauth.allowInsecureRequests] = true;
      let response: Response;
      try {
        response = await send(options);
      } catch (cause) {
        throw new TokenManagerError('UNAVAILABLE', `${name} could not be reached`, {
          operation,
          cause,
          secrets,
        });
      }
      if (response.status >= 500 || response.status === 429) {
        await response.body?.cancel();
        throw new TokenManagerError('UNAVAILABLE', `${name} answered HTTP ${response.status}`, {
          operation,
          status: response.status,
        });
      }
      try {
        return await process(response);
      } catch (cause) {
        throw classifyFailure(cause, {
          operation,
          name,
          secrets,
          status: response.status,
          loginRequired: extra.loginRequired,
        });
      }
    };
    const attempts = extra.retries === false ? { ...http.retry, attempts: 1 } : http.retry;
    return withRetries(
      attempts,
      once,
      (error) => error instanceof TokenManagerError && error.code === 'UNAVAILABLE',
      (start) => start + http.timeoutMs <= deadline,
    );
  }
}

function grantResult(json: oauth.TokenEndpointResponse): GrantResult {
  const apiDomain = json.api_domain;
  return {
    accessToken: json.access_token,
    refreshToken: json.refresh_token,
    expiresIn: json.expires_in,
    apiDomain: typeof apiDomain === 'string' && apiDomain !== '' ? apiDomain : undefined,
  };
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
