// The column names of the Zoho SDKs' MySQL table and of the article's SQLite table, and the conversions
// between a token and such a row. SQL stores import these so the mapping lives in one place.
import type { OAuthToken, StoredToken, TokenField } from './token.js';

export const ZOHO_COLUMNS = {
  id: 'id',
  userName: 'user_name',
  clientId: 'client_id',
  clientSecret: 'client_secret',
  refreshToken: 'refresh_token',
  accessToken: 'access_token',
  grantToken: 'grant_token',
  expiresAt: 'expiry_time',
  redirectUrl: 'redirect_url',
  apiDomain: 'api_domain',
} as const satisfies Record<TokenField, string>;

/** The ten columns in the order of the Zoho table and FileStore header. */
export const ZOHO_COLUMN_ORDER = [
  'id',
  'userName',
  'clientId',
  'clientSecret',
  'refreshToken',
  'accessToken',
  'grantToken',
  'expiresAt',
  'redirectUrl',
  'apiDomain',
] as const satisfies readonly TokenField[];

export type ZohoRow = Partial<Record<(typeof ZOHO_COLUMNS)[TokenField], string | number | null>>;

/** A token as a Zoho row: `expiry_time` is the decimal string of epoch ms, absent fields are `null`. */
export function tokenToZohoRow(token: OAuthToken): Record<string, string | null> {
  const row: Record<string, string | null> = {};
  for (const field of ZOHO_COLUMN_ORDER) {
    const value = token[field];
    row[ZOHO_COLUMNS[field]] = value === undefined ? null : String(value);
  }
  return row;
}

/**
 * A Zoho row as a token: `null` and empty cells are absent; `expiry_time` must be a decimal integer.
 * Returns `undefined` for a malformed row (the caller reports `CORRUPT`).
 */
export function zohoRowToToken(row: ZohoRow): StoredToken | undefined {
  const token: Record<string, unknown> = {};
  for (const field of ZOHO_COLUMN_ORDER) {
    const value = row[ZOHO_COLUMNS[field]];
    if (value === null || value === undefined || value === '') continue;
    if (field === 'expiresAt') {
      const ms = typeof value === 'number' ? value : /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(ms)) return undefined;
      token[field] = ms;
    } else {
      token[field] = String(value);
    }
  }
  if (typeof token['id'] !== 'string') return undefined;
  return token as unknown as StoredToken;
}
