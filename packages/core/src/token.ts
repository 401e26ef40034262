// The OAuthToken model: its fields, which of them are secrets, and the validation every store applies
// before it reads or writes anything.
import { inspect } from 'node:util';
import { TokenStoreError } from './errors.js';

/** A token as applications and stores exchange it. Every field is optional; see CONTRACT.md. */
export interface OAuthToken {
  /** Opaque id, unique within a store; assigned by the store on first save. */
  id?: string;
  /** The user the token belongs to (Zoho's user signature name, e.g. `email:orgId`). */
  userName?: string;
  clientId?: string;
  clientSecret?: string;
  accessToken?: string;
  refreshToken?: string;
  grantToken?: string;
  /** Absolute expiry of the access token, epoch milliseconds. */
  expiresAt?: number;
  redirectUrl?: string;
  apiDomain?: string;
}

/** A token as a store returns it: always with its id. */
export type StoredToken = OAuthToken & { id: string };

export const TOKEN_FIELDS = [
  'id',
  'userName',
  'clientId',
  'clientSecret',
  'accessToken',
  'refreshToken',
  'grantToken',
  'expiresAt',
  'redirectUrl',
  'apiDomain',
] as const satisfies readonly (keyof OAuthToken)[];

export type TokenField = (typeof TOKEN_FIELDS)[number];
export type StringTokenField = Exclude<TokenField, 'expiresAt'>;

/** Fields that grant access to an account: never logged, printed or put in an error. */
export const SECRET_FIELDS = ['clientSecret', 'accessToken', 'refreshToken', 'grantToken'] as const;
/** A token must hold at least one of these to be stored. */
export const CREDENTIAL_FIELDS = ['accessToken', 'refreshToken', 'grantToken'] as const;
/** Besides `id`, at most one stored token per namespace holds a given non-empty value of these. */
export const UNIQUE_FIELDS = ['userName', 'accessToken', 'refreshToken', 'grantToken'] as const;

/** Largest string value, in UTF-8 bytes, that every store accepts (JWT access tokens are several KiB). */
export const MAX_VALUE_BYTES = 16 * 1024;

const FIELD_SET: ReadonlySet<string> = new Set(TOKEN_FIELDS);
const ID_PATTERN = /^[A-Za-z0-9._~-]{1,64}$/;

/** The secret values a token holds, to scrub from error causes. */
export function secretsOf(token: OAuthToken | undefined): string[] {
  if (!token) return [];
  return SECRET_FIELDS.map((f) => token[f]).filter((v): v is string => typeof v === 'string' && v !== '');
}

function invalid(message: string, operation: string): TokenStoreError {
  return new TokenStoreError('INVALID_TOKEN', message, { operation });
}

/** Throws `INVALID_ARGUMENT` unless `id` is a well-formed token id. */
export function assertTokenId(id: unknown, operation: string): asserts id is string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new TokenStoreError(
      'INVALID_ARGUMENT',
      'a token id is 1-64 characters of letters, digits, ".", "_", "~" or "-"',
      { operation },
    );
  }
}

/**
 * Checks a token given to a store and returns a normalised copy: only known fields, empty strings
 * dropped (an empty string means "absent", as an empty cell does in the Zoho formats). Throws
 * `INVALID_TOKEN` naming the field (never its value) when a field is unknown, of the wrong type, too long,
 * or not well-formed Unicode.
 */
export function normalizeToken(input: unknown, operation: string): OAuthToken {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('a token must be an object', operation);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!FIELD_SET.has(key)) throw invalid(`unknown field "${key.slice(0, 40)}"`, operation);
    if (value === undefined) continue;
    if (key === 'expiresAt') {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw invalid('expiresAt must be a non-negative integer of epoch milliseconds', operation);
      }
      out[key] = value;
      continue;
    }
    if (typeof value !== 'string') throw invalid(`${key} must be a string`, operation);
    if (value === '') continue;
    if (key === 'id') {
      assertTokenId(value, operation);
    } else {
      if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) {
        throw invalid(`${key} is longer than ${MAX_VALUE_BYTES} bytes`, operation);
      }
      if (!value.isWellFormed() || value.includes('\u0000')) {
        throw invalid(`${key} holds a lone surrogate or a NUL character`, operation);
      }
    }
    out[key] = value;
  }
  return out as OAuthToken;
}

export function hasCredential(token: OAuthToken): boolean {
  return CREDENTIAL_FIELDS.some((f) => typeof token[f] === 'string' && token[f] !== '');
}

/** A copy of `token` with each secret replaced by `[redacted]`: what a token shows when printed. */
export function redactToken(token: OAuthToken): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of TOKEN_FIELDS) {
    const value = token[field];
    if (value === undefined) continue;
    out[field] = (SECRET_FIELDS as readonly string[]).includes(field) ? '[redacted]' : value;
  }
  return out;
}

/**
 * The prototype of the tokens stores return: `util.inspect` (so `console.log`) and `JSON.stringify` show
 * their secrets as `[redacted]`. The hooks live on the prototype, so `{ ...token }` and field access give
 * the real values, equality checks see the same fields, and making a token costs no closure per object.
 */
const PRINTABLE_TOKEN: object = Object.create(Object.prototype, {
  [inspect.custom]: {
    value(this: OAuthToken, _depth: number, options: object, inspectFn: typeof inspect = inspect) {
      return `OAuthToken ${inspectFn(redactToken(this), options)}`;
    },
  },
  toJSON: {
    value(this: OAuthToken) {
      return redactToken(this);
    },
  },
});

/** A copy of `token`'s fields that is safe to print (see `PRINTABLE_TOKEN`); what stores return. */
export function protectToken<T extends OAuthToken>(token: T): T {
  const out = Object.create(PRINTABLE_TOKEN) as Record<string, unknown>;
  for (const field of TOKEN_FIELDS) if (token[field] !== undefined) out[field] = token[field];
  return out as T;
}

/** A plain copy of a token's fields, without the printing hooks, for a store to serialise. */
export function plainToken(token: OAuthToken): OAuthToken {
  const out: Record<string, unknown> = {};
  for (const field of TOKEN_FIELDS) if (token[field] !== undefined) out[field] = token[field];
  return out as OAuthToken;
}
