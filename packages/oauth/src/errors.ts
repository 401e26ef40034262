// TokenManagerError: the one error type the token manager rejects with. Its code says what the caller can
// do (send the user to log in, retry later, look at the store, look at the provider's answer); its message
// and cause never hold a token or the client secret.
import { inspect } from 'node:util';
import { isTokenStoreError, scrubbedError, scrubSecrets } from '@tokens/core';

export const TOKEN_MANAGER_ERROR_CODES = [
  /** The user must log in again: no stored token, no refresh token, or the provider rejected it. */
  'LOGIN_REQUIRED',
  /** The provider is unreachable, timed out, or answered 5xx/429 after the configured retries. */
  'UNAVAILABLE',
  /** The token store failed; `cause` is its `TokenStoreError`. */
  'STORE',
  /** The provider answered with another OAuth error (see `oauthError`) or a malformed response. */
  'PROVIDER',
  /** A call or option was malformed (e.g. a callback URL whose state does not match). */
  'INVALID_ARGUMENT',
] as const;

export type TokenManagerErrorCode = (typeof TOKEN_MANAGER_ERROR_CODES)[number];

export interface TokenManagerErrorOptions {
  /** The TokenManager operation that failed, e.g. `getAccessToken`. */
  operation?: string;
  /** The OAuth `error` code the provider answered with (`invalid_grant`, `invalid_client`, ...). */
  oauthError?: string;
  /** The HTTP status of the provider's answer, when there was one. */
  status?: number;
  cause?: unknown;
  /** Values to scrub from the kept cause (tokens, client secret, code verifier). */
  secrets?: Iterable<string | undefined>;
}

const BRAND = Symbol.for('@tokens/oauth.TokenManagerError');

/** A copy of `cause` with what helps debugging and none of the secrets (nor the provider's raw body). */
function sanitizeCause(cause: unknown, secrets: Iterable<string | undefined>): Error | undefined {
  if (isTokenStoreError(cause)) return cause; // already scrubbed by the store
  return scrubbedError(cause, secrets, ['code', 'error', 'error_description', 'status']);
}

export class TokenManagerError extends Error {
  /** `instanceof` works across copies of this package (its ESM and CommonJS builds loaded side by side). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  override readonly name = 'TokenManagerError';
  readonly code: TokenManagerErrorCode;
  readonly operation: string | undefined;
  readonly oauthError: string | undefined;
  readonly status: number | undefined;
  declare readonly cause: Error | undefined;

  constructor(code: TokenManagerErrorCode, message: string, options: TokenManagerErrorOptions = {}) {
    const secrets = [...(options.secrets ?? [])];
    super(scrubSecrets(options.operation ? `${options.operation}: ${message}` : message, secrets));
    Object.defineProperty(this, BRAND, { value: true });
    this.code = code;
    this.operation = options.operation;
    this.oauthError = options.oauthError;
    this.status = options.status;
    Object.defineProperty(this, 'cause', {
      value: sanitizeCause(options.cause, secrets),
      enumerable: false,
      writable: false,
      configurable: true,
    });
  }

  /** Whether the same call may succeed later (the provider was unavailable). */
  get retryable(): boolean {
    return this.code === 'UNAVAILABLE';
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      operation: this.operation,
      oauthError: this.oauthError,
      status: this.status,
      cause: this.cause ? { name: this.cause.name, message: this.cause.message } : undefined,
    };
  }

  [inspect.custom](): string {
    const details = [`code: '${this.code}'`];
    if (this.oauthError) details.push(`oauthError: '${this.oauthError}'`);
    if (this.status !== undefined) details.push(`status: ${this.status}`);
    const cause = this.cause ? `\n  [cause]: ${this.cause.name}: ${this.cause.message}` : '';
    return `${this.stack ?? `${this.name}: ${this.message}`}\n  ${details.join(', ')}${cause}`;
  }
}

export function isTokenManagerError(
  error: unknown,
  code?: TokenManagerErrorCode,
): error is TokenManagerError {
  return error instanceof TokenManagerError && (code === undefined || error.code === code);
}

/** Wraps a store failure as `STORE`, keeping the `TokenStoreError` as cause. */
export function storeError(error: unknown, operation: string): TokenManagerError {
  if (error instanceof TokenManagerError) return error;
  const code = isTokenStoreError(error) ? ` (${error.code})` : '';
  return new TokenManagerError('STORE', `the token store failed${code}`, { operation, cause: error });
}
