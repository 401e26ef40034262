// How a token is held: one hash per token whose fields are the Zoho column names (`id`, `user_name`,
// `access_token`, ..., `expiry_time` as decimal epoch ms), the same row the Zoho SQL stores hold.
import {
  type OAuthToken,
  type StoredToken,
  TOKEN_FIELDS,
  TokenStoreError,
  ZOHO_COLUMNS,
  zohoRowToToken,
} from '@tokens/core';

/** The column/value pairs a save writes: the fields `token` carries, without its id. */
export function hashFields(token: OAuthToken): string[] {
  const pairs: string[] = [];
  for (const field of TOKEN_FIELDS) {
    const value = token[field];
    if (field !== 'id' && value !== undefined) pairs.push(ZOHO_COLUMNS[field], String(value));
  }
  return pairs;
}

/** A hash as a token; an empty hash (no such key) is `undefined`, a malformed one is `CORRUPT`. */
export function hashToToken(hash: unknown, operation: string): StoredToken | undefined {
  const row = Array.isArray(hash) ? pairsToRow(hash) : (hash as Record<string, string> | null);
  if (!row || Object.keys(row).length === 0) return undefined;
  const token = zohoRowToToken(row);
  if (!token) {
    throw new TokenStoreError('CORRUPT', 'a stored token hash cannot be read (no id or a malformed expiry)', {
      operation,
    });
  }
  return token;
}

function pairsToRow(flat: unknown[]): Record<string, string> {
  const row: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) row[String(flat[i])] = String(flat[i + 1]);
  return row;
}
