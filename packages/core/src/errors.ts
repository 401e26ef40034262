// TokenStoreError: the one error type every store rejects with. It carries a code a caller can act on
// and a cause whose text has been scrubbed of the secrets involved in the failed operation.
import { inspect } from 'node:util';

export const TOKEN_STORE_ERROR_CODES = [
  'INVALID_TOKEN',
  'INVALID_ARGUMENT',
  'CONFLICT',
  'UNAVAILABLE',
  'CORRUPT',
  'CLOSED',
  'BACKEND',
] as const;

export type TokenStoreErrorCode = (typeof TOKEN_STORE_ERROR_CODES)[number];

/** Codes for which trying the same operation again may succeed. */
export const RETRYABLE_CODES: ReadonlySet<TokenStoreErrorCode> = new Set(['UNAVAILABLE', 'BACKEND']);

export interface TokenStoreErrorOptions {
  /** The store operation that failed, e.g. `saveToken`. */
  operation?: string;
  /** The store that failed, e.g. `SqliteTokenStore`. */
  store?: string;
  /** The underlying error. Its message and stack are scrubbed of `secrets` before they are kept. */
  cause?: unknown;
  /** Values that must not survive in the kept cause (the secrets of the token being saved). */
  secrets?: Iterable<string | undefined>;
}

/** Replaces every occurrence of each secret in `text` by `[redacted]`. */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length > 0) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** The properties of a driver error worth keeping for debugging (strings are scrubbed too). */
const CAUSE_KEYS = ['code', 'errno', 'sqlState', 'sqlMessage', 'syscall'];

/**
 * A copy of an underlying error that keeps what helps debugging (name, `keys` such as code, errno, SQL
 * state, and a message) without the given secrets. The original error is not kept: some drivers echo the
 * offending value in their messages (MySQL's "Duplicate entry '...'"), some providers echo tokens.
 */
export function scrubbedError(
  cause: unknown,
  secrets: Iterable<string | undefined>,
  keys: readonly string[] = CAUSE_KEYS,
): Error | undefined {
  if (cause === undefined) return undefined;
  const list = [...secrets];
  if (!(cause instanceof Error)) return new Error(scrubSecrets(String(cause), list));
  const copy = new Error(scrubSecrets(cause.message, list));
  copy.name = cause.name;
  copy.stack = cause.stack === undefined ? undefined : scrubSecrets(cause.stack, list);
  const source = cause as unknown as Record<string, unknown>;
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string' || typeof value === 'number') {
      (copy as unknown as Record<string, unknown>)[key] =
        typeof value === 'string' ? scrubSecrets(value, list) : value;
    }
  }
  return copy;
}

const BRAND = Symbol.for('@tokens/core.TokenStoreError');

export class TokenStoreError extends Error {
  /** `instanceof` works across copies of this package (its ESM and CommonJS builds loaded side by side). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  override readonly name = 'TokenStoreError';
  readonly code: TokenStoreErrorCode;
  readonly operation: string | undefined;
  readonly store: string | undefined;
  declare readonly cause: Error | undefined;

  constructor(code: TokenStoreErrorCode, message: string, options: TokenStoreErrorOptions = {}) {
    const where = [options.store, options.operation].filter(Boolean).join('.');
    super(where ? `${where}: ${message}` : message);
    Object.defineProperty(this, BRAND, { value: true });
    this.code = code;
    this.operation = options.operation;
    this.store = options.store;
    Object.defineProperty(this, 'cause', {
      value: scrubbedError(options.cause, options.secrets ?? []),
      enumerable: false,
      writable: false,
      configurable: true,
    });
  }

  /** Whether repeating the operation may succeed. */
  get retryable(): boolean {
    return RETRYABLE_CODES.has(this.code);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      operation: this.operation,
      store: this.store,
      cause: this.cause ? { name: this.cause.name, message: this.cause.message } : undefined,
    };
  }

  [inspect.custom](): string {
    const cause = this.cause ? `\n  [cause]: ${this.cause.name}: ${this.cause.message}` : '';
    return `${this.stack ?? `${this.name}: ${this.message}`}\n  code: '${this.code}'${cause}`;
  }
}

export function isTokenStoreError(error: unknown, code?: TokenStoreErrorCode): error is TokenStoreError {
  return error instanceof TokenStoreError && (code === undefined || error.code === code);
}
