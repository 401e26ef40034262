// The Zoho preset: its data centers' accounts servers, its endpoints, and the adaptations of zoho-fetch.ts.
import type { OAuthProvider } from './provider.js';
import { type Fetch, zohoFetch } from './zoho-fetch.js';

/** Zoho's data centers and their accounts servers (ZOHO.md). */
export const ZOHO_DATA_CENTERS = {
  us: 'https://accounts.zoho.com',
  eu: 'https://accounts.zoho.eu',
  in: 'https://accounts.zoho.in',
  au: 'https://accounts.zoho.com.au',
  jp: 'https://accounts.zoho.jp',
  cn: 'https://accounts.zoho.com.cn',
  ca: 'https://accounts.zohocloud.ca',
  sa: 'https://accounts.zoho.sa',
} as const;

export type ZohoDataCenter = keyof typeof ZOHO_DATA_CENTERS;

export interface ZohoProviderOptions {
  /** The data center of the account. Default `us`. */
  dataCenter?: ZohoDataCenter;
  /** An accounts server base URL that replaces the data center's (e.g. a local stand-in in tests). */
  accountsUrl?: string;
  /** Allow an `http://` accountsUrl. Tests only. Default false. */
  allowInsecureRequests?: boolean;
  /** The fetch under Zoho's adaptations. Default the global fetch. */
  fetch?: Fetch;
}

/**
 * A provider for Zoho accounts: `/oauth/v2/auth`, `/oauth/v2/token`, `/oauth/v2/token/revoke` on the data
 * center's accounts server; client_secret_post; `access_type=offline` and `prompt=consent` on authorization
 * requests (so the grant returns a refresh token); `invalid_code` counts as a dead refresh token.
 */
export function zohoProvider(options: ZohoProviderOptions = {}): OAuthProvider {
  const dataCenter = options.dataCenter ?? 'us';
  const base = options.accountsUrl ?? ZOHO_DATA_CENTERS[dataCenter];
  if (!base) throw new RangeError(`unknown Zoho data center "${String(dataCenter)}"`);
  const origin = base.replace(/\/+$/, '');
  return {
    name: 'Zoho',
    issuer: origin,
    authorizationEndpoint: `${origin}/oauth/v2/auth`,
    tokenEndpoint: `${origin}/oauth/v2/token`,
    revocationEndpoint: `${origin}/oauth/v2/token/revoke`,
    clientAuthMethod: 'client_secret_post',
    authorizationParams: { access_type: 'offline', prompt: 'consent' },
    loginRequiredErrors: ['invalid_grant', 'invalid_code'],
    fetch: zohoFetch(options.fetch),
    allowInsecureRequests: options.allowInsecureRequests ?? false,
  };
}
