// The JSON document a token file holds, version 1:
//   { "format": "@tokens/file", "version": 1, "tokens": [ {id, userName, ...} ], "leases": { key: {holder, expiresAt} } }
// Reading validates everything; anything unexpected is CORRUPT, so that no write ever replaces a file
// this version does not fully understand.
import {
  LOCK_KEY_PATTERN,
  normalizeToken,
  plainToken,
  type StoredToken,
  TokenStoreError,
  UNIQUE_FIELDS,
} from '@tokens/core';

export const FILE_FORMAT = '@tokens/file';
export const FILE_FORMAT_VERSION = 1;

export interface Lease {
  holder: string;
  /** Epoch ms after which the lease is free. */
  expiresAt: number;
}

export interface TokenDocument {
  tokens: StoredToken[];
  /** A Map, not an object: lock keys such as `__proto__` are data here, never prototypes. */
  leases: Map<string, Lease>;
}

const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(['format', 'version', 'tokens', 'leases']);

function corrupt(message: string): TokenStoreError {
  return new TokenStoreError('CORRUPT', `the token file ${message}; it is left as it is`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The document in `text`; a missing file (`undefined`) or a file holding only whitespace is empty. */
export function parseTokenDocument(text: string | undefined): TokenDocument {
  const body = text?.replace(/^\uFEFF/, '') ?? '';
  if (body.trim() === '') return { tokens: [], leases: new Map() };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    // The SyntaxError is not kept: V8 quotes the text around the error, which may be a secret.
    throw corrupt('is not valid JSON');
  }
  if (!isObject(data) || data.format !== FILE_FORMAT) throw corrupt(`is not a "${FILE_FORMAT}" document`);
  if (data.version !== FILE_FORMAT_VERSION) {
    throw corrupt(`has format version ${JSON.stringify(data.version)}; this version reads version 1`);
  }
  const unknown = Object.keys(data).find((key) => !TOP_LEVEL_KEYS.has(key));
  if (unknown !== undefined) throw corrupt(`has an unknown top-level field "${unknown.slice(0, 40)}"`);
  return { tokens: parseTokens(data.tokens), leases: parseLeases(data.leases ?? {}) };
}

function parseTokens(entries: unknown): StoredToken[] {
  if (!Array.isArray(entries)) throw corrupt('has no "tokens" array');
  const seen = new Map<string, Set<string>>(['id', ...UNIQUE_FIELDS].map((f) => [f, new Set<string>()]));
  return entries.map((entry, index) => {
    if (!isObject(entry)) throw corrupt(`holds a token entry that is not an object (entry ${index})`);
    let token: StoredToken;
    try {
      token = normalizeToken(entry, '') as StoredToken;
    } catch (error) {
      // normalizeToken names the field, never its value.
      throw corrupt(`holds a malformed token entry (entry ${index}: ${(error as Error).message})`);
    }
    if (token.id === undefined) throw corrupt(`holds a token entry without an id (entry ${index})`);
    for (const [field, values] of seen) {
      const value = token[field as 'id'];
      if (value === undefined) continue;
      if (values.has(value)) throw corrupt(`holds two token entries with the same ${field} (entry ${index})`);
      values.add(value);
    }
    return token;
  });
}

function parseLeases(leases: unknown): Map<string, Lease> {
  if (!isObject(leases)) throw corrupt('has a "leases" field that is not an object');
  const out = new Map<string, Lease>();
  for (const [key, lease] of Object.entries(leases)) {
    const valid =
      LOCK_KEY_PATTERN.test(key) &&
      isObject(lease) &&
      typeof lease.holder === 'string' &&
      lease.holder !== '' &&
      Number.isSafeInteger(lease.expiresAt);
    if (!valid) throw corrupt('holds a malformed lease');
    out.set(key, { holder: lease.holder as string, expiresAt: lease.expiresAt as number });
  }
  return out;
}

/** The file's text for `doc`: indented, one field a line, so that a person can read and diff it. */
export function serializeTokenDocument(doc: TokenDocument): string {
  const body = {
    format: FILE_FORMAT,
    version: FILE_FORMAT_VERSION,
    tokens: doc.tokens.map(plainToken),
    leases: Object.fromEntries(doc.leases),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
