// What a provider's refusal means for the caller: a dead refresh token (LOGIN_REQUIRED), or another OAuth
// error (PROVIDER, with the provider's error code). Unavailability is decided earlier, from the HTTP status.
import * as oauth from 'oauth4webapi';
import { TokenManagerError } from './errors.js';

export interface FailureContext {
  operation: string;
  /** The provider's name, for the message. */
  name: string;
  /** Values to scrub from the kept cause. */
  secrets: (string | undefined)[];
  status: number;
  /** OAuth error codes that mean the refresh token is dead (refresh only). */
  loginRequired: ReadonlySet<string> | undefined;
}

export function classifyFailure(cause: unknown, context: FailureContext): TokenManagerError {
  const { operation, name, secrets, status } = context;
  if (cause instanceof oauth.ResponseBodyError) {
    const oauthError = cause.error;
    if (context.loginRequired?.has(oauthError)) {
      return new TokenManagerError(
        'LOGIN_REQUIRED',
        `the user must log in again: ${name} rejected the refresh token (${oauthError})`,
        {
          operation,
          oauthError,
          status: cause.status,
          cause,
          secrets,
        },
      );
    }
    return new TokenManagerError('PROVIDER', `${name} answered with the OAuth error ${oauthError}`, {
      operation,
      oauthError,
      status: cause.status,
      cause,
      secrets,
    });
  }
  if (cause instanceof oauth.WWWAuthenticateChallengeError) {
    // A 401 with WWW-Authenticate: usually the client credentials were refused (invalid_client).
    const oauthError = cause.cause[0]?.parameters.error ?? 'invalid_client';
    return new TokenManagerError('PROVIDER', `${name} refused the client (${oauthError})`, {
      operation,
      oauthError,
      status: cause.status,
      cause,
      secrets,
    });
  }
  return new TokenManagerError('PROVIDER', `${name} sent a response that is not a valid OAuth response`, {
    operation,
    status,
    cause,
    secrets,
  });
}
