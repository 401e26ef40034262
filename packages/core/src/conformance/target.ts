// What an adapter hands the conformance kit, and how each case gets a fresh store and cleans up after.
import { randomUUID } from 'node:crypto';
import { onTestFinished } from 'vitest';
import type { TokenStoreError } from '../errors.js';
import type { TokenStore } from '../token-store.js';

export interface ConformanceCapabilities {
  /** The store implements `locks` (leases shared across instances and processes). */
  locks?: boolean;
}

/**
 * How a child process opens its own instance of the store on a namespace of the parent, for the
 * multi-process cases. The kit's worker runs `new (await import(module))[exportName](options(store))`.
 */
export interface ProcessTarget<S extends TokenStore = TokenStore> {
  /**
   * The module exporting the store class, as a file URL or an absolute path: usually your built
   * package as users import it, `import.meta.resolve('my-token-store')` in your test file.
   */
  module: string | URL;
  /** The export of `module` that is the store class, e.g. `'SqliteTokenStore'`. */
  exportName: string;
  /** Constructor options, JSON-serialisable, that open the namespace `store` was created on. */
  options(store: S): unknown;
  /** Optional backend checks after the processes are done (e.g. SQLite's integrity_check). */
  check?(store: S): void | Promise<void>;
}

export interface ConformanceTarget<S extends TokenStore = TokenStore> {
  /** Shown in every case's name, e.g. `SqliteTokenStore (file)`. */
  name: string;
  /** Makes a store on a fresh, empty namespace of the backend (a new table, prefix, file...). */
  create(): S | Promise<S>;
  /** Opens a second, independent instance (own connection/handle) on the namespace of `store`. */
  reopen?(store: S): TokenStore | Promise<TokenStore>;
  /**
   * Reads what the backend holds for `store`'s namespace, bypassing the store: one record per stored
   * token, in the backend's own shape. The kit checks counts and searches the records for values.
   */
  raw(store: S): unknown[] | Promise<unknown[]>;
  /** Removes what `create` made (drops the table, deletes the file). Called after the store is closed. */
  destroy?(store: S): void | Promise<void>;
  /**
   * How a child process opens the store on the same namespace. Given, the group "across processes" runs
   * 4 processes on a namespace from `create`; absent, that group is reported as skipped.
   */
  processes?: ProcessTarget<S>;
  capabilities?: ConformanceCapabilities;
  /** Per-case timeout in ms for slow backends. Default 20 000. */
  timeoutMs?: number;
}

export interface CaseContext<S extends TokenStore = TokenStore> {
  /** A store on a fresh namespace, closed and destroyed when the case ends. */
  store(): Promise<S>;
  /** A second instance on the namespace of `store`, closed when the case ends. */
  reopen(store: S): Promise<TokenStore>;
  raw(store: S): Promise<unknown[]>;
  /** A random suffix for values no other case uses. */
  unique(label?: string): string;
}

export function caseContext<S extends TokenStore>(target: ConformanceTarget<S>): CaseContext<S> {
  return {
    async store() {
      const store = await target.create();
      onTestFinished(async () => {
        try {
          await store.deleteTokens();
        } catch {
          // The case may have closed the store itself.
        }
        await store.close();
        await target.destroy?.(store);
      });
      return store;
    },
    async reopen(store) {
      if (!target.reopen) throw new Error('the target has no reopen factory');
      const second = await target.reopen(store);
      onTestFinished(() => second.close());
      return second;
    },
    async raw(store) {
      return [...(await target.raw(store))];
    },
    unique: (label = 'v') => `${label}-${randomUUID().slice(0, 13)}`,
  };
}

/** The settled outcome of a promise, to assert on a rejection's code without try/catch noise. */
export async function outcome<T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: TokenStoreError }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error: error as TokenStoreError };
  }
}

/** The JSON text of the raw records, to search for a value. */
export function rawText(records: unknown[]): string {
  return JSON.stringify(records, (_k, v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
}
