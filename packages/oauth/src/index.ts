export type { AuthorizationRequest, AuthorizationRequestOptions } from './authorization-request.js';
export {
  isTokenManagerError,
  TOKEN_MANAGER_ERROR_CODES,
  TokenManagerError,
  type TokenManagerErrorCode,
} from './errors.js';
export type { TokenManagerOptions } from './options.js';
export type { ClientAuthMethod, OAuthProvider } from './provider.js';
export type { RetryOptions } from './retry.js';
export {
  type ExchangeGrantOptions,
  type RevokeResult,
  TokenManager,
  type TokenRef,
} from './token-manager.js';
export { ZOHO_DATA_CENTERS, type ZohoDataCenter, type ZohoProviderOptions, zohoProvider } from './zoho.js';
export { type Fetch, zohoFetch } from './zoho-fetch.js';
