// What every store does around each operation: refuse after close, and turn any failure into a
// TokenStoreError with a code and a scrubbed cause. Adapters pass how to classify their driver's errors.
import { TokenStoreError, type TokenStoreErrorCode } from './errors.js';

export type ErrorClassifier = (error: unknown) => TokenStoreErrorCode;

export class StoreOperations {
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(
    readonly storeName: string,
    private readonly classify: ErrorClassifier = () => 'BACKEND',
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** Runs one operation; rejects with `CLOSED` after close, and wraps any other failure. */
  async run<T>(
    operation: string,
    fn: () => T | Promise<T>,
    secrets: Iterable<string | undefined> = [],
  ): Promise<T> {
    if (this.#closed) throw this.error('CLOSED', 'the store is closed', operation);
    try {
      return await fn();
    } catch (error) {
      throw this.wrap(error, operation, secrets);
    }
  }

  /** A TokenStoreError for `error`, classified by the adapter unless it is one already. */
  wrap(error: unknown, operation: string, secrets: Iterable<string | undefined> = []): TokenStoreError {
    if (error instanceof TokenStoreError) {
      if (error.store !== undefined) return error;
      return new TokenStoreError(error.code, stripPrefix(error.message), {
        operation,
        store: this.storeName,
        cause: error.cause,
        secrets,
      });
    }
    const code = this.classify(error);
    const summary = error instanceof Error ? error.message : String(error);
    return new TokenStoreError(code, describe(code, summary, secrets), {
      operation,
      store: this.storeName,
      cause: error,
      secrets,
    });
  }

  error(code: TokenStoreErrorCode, message: string, operation: string): TokenStoreError {
    return new TokenStoreError(code, message, { operation, store: this.storeName });
  }

  /** Closes once: the first call runs `release`, later calls wait for it and then resolve. */
  close(release: () => void | Promise<void>): Promise<void> {
    if (!this.#closing) {
      this.#closed = true;
      this.#closing = Promise.resolve().then(release);
    }
    return this.#closing;
  }
}

function stripPrefix(message: string): string {
  const at = message.indexOf(': ');
  return at >= 0 && !message.slice(0, at).includes(' ') ? message.slice(at + 2) : message;
}

const MEANING: Record<TokenStoreErrorCode, string> = {
  INVALID_TOKEN: 'the token was refused',
  INVALID_ARGUMENT: 'an argument was refused',
  CONFLICT: 'the save collides with another stored token',
  UNAVAILABLE: 'the backend is unavailable',
  CORRUPT: 'stored data cannot be read',
  CLOSED: 'the store is closed',
  BACKEND: 'the backend failed',
};

function describe(
  code: TokenStoreErrorCode,
  causeMessage: string,
  secrets: Iterable<string | undefined>,
): string {
  // The cause's own text goes to `cause`, scrubbed; the message says what happened in our words, plus the
  // driver's first line only when it cannot carry a value (no quotes).
  const firstLine = causeMessage.split('\n')[0]!.slice(0, 160);
  const safe = !/['"`]/.test(firstLine) && ![...secrets].some((s) => s && firstLine.includes(s));
  return safe && firstLine ? `${MEANING[code]} (${firstLine})` : MEANING[code];
}
