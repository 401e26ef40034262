// The second leg's input: the provider's redirect (checked for state, `iss` and an `error`) or a bare code,
// as the URLSearchParams oauth4webapi's authorization-code grant expects.
import * as oauth from 'oauth4webapi';
import { TokenManagerError } from './errors.js';

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

export function callbackParameters(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  options: ExchangeGrantOptions,
  clientSecret: string,
): URLSearchParams {
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
      return oauth.validateAuthResponse(as, client, input, options.state);
    }
    if (!options.code)
      throw new TokenManagerError('INVALID_ARGUMENT', 'callbackUrl or code is required', { operation });
    // A bare code never came through a redirect: there is no state or `iss` parameter to check.
    const bare = { ...as, authorization_response_iss_parameter_supported: false };
    return oauth.validateAuthResponse(
      bare,
      client,
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
    const secrets = [options.code, options.codeVerifier, clientSecret];
    throw new TokenManagerError('INVALID_ARGUMENT', 'the callback does not match the authorization request', {
      operation,
      cause: error,
      secrets,
    });
  }
}
