// The key layout of one prefix. Every key starts with the hash tag `{prefix}`, so on Redis Cluster all of
// a namespace lives in one slot and each script touches one node.
import { TokenStoreError, UNIQUE_FIELDS, ZOHO_COLUMNS } from '@tokens/core';

/** What a prefix may be: no spaces, braces (they would break the hash tag) or glob characters. */
export const PREFIX_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,99}$/;

/** The Zoho column names of the unique fields, in the order of their index keys. */
export const UNIQUE_COLUMNS = UNIQUE_FIELDS.map((field) => ZOHO_COLUMNS[field]);

export interface PrefixKeys {
  readonly prefix: string;
  /** Set of the ids of the stored tokens: what getTokens and deleteTokens walk. */
  readonly ids: string;
  /** Start of each token's hash key; the id follows. */
  readonly tokenPrefix: string;
  /** One hash per unique field (userName, accessToken, refreshToken, grantToken): value -> token id. */
  readonly indexes: readonly string[];
  token(id: string): string;
  lease(key: string): string;
}

export function assertPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)) {
    throw new TokenStoreError(
      'INVALID_ARGUMENT',
      `option "prefix" must match ${PREFIX_PATTERN} (letters, digits, "_", ".", ":", "-"; 100 at most)`,
      { operation: 'constructor', store: 'RedisTokenStore' },
    );
  }
  return prefix;
}

export function prefixKeys(prefix: string): PrefixKeys {
  const tag = `{${assertPrefix(prefix)}}`;
  const tokenPrefix = `${tag}:token:`;
  return {
    prefix,
    ids: `${tag}:ids`,
    tokenPrefix,
    indexes: UNIQUE_COLUMNS.map((column) => `${tag}:index:${column}`),
    token: (id) => tokenPrefix + id,
    lease: (key) => `${tag}:lease:${key}`,
  };
}
