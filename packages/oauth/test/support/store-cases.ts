// The stores the refresh-once tests run on. Adding a store (MySQL, Redis, ...) is one entry here: how to
// make a fresh namespace, open an instance on it in this process, and tell a child process how to open it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySpace, MemoryTokenStore, type TokenStore } from '@tokens/core';

/** How a worker process opens the namespace: `new (await import(module))[exportName](options)`. */
export interface ChildStoreSpec {
  module: string;
  exportName: string;
  options: Record<string, unknown>;
}

export interface PreparedStore {
  /** A new, independent store instance on the namespace. */
  open(): Promise<TokenStore>;
  /** Set when callers run in child processes; absent: they run in this process (one instance each). */
  child?: ChildStoreSpec;
  cleanup(): Promise<void>;
}

export interface StoreCase {
  name: string;
  /** Why the case cannot run here, or undefined. */
  skipReason: string | undefined;
  prepare(): Promise<PreparedStore>;
}

async function moduleProblem(specifier: string): Promise<string | undefined> {
  try {
    await import(specifier);
    return undefined;
  } catch (error) {
    return `${specifier} cannot be loaded (${error instanceof Error ? error.message.split('\n')[0] : error})`;
  }
}

/** A store class from a package, on a file in a fresh temporary directory, shared with child processes. */
async function fileBacked(name: string, module: string, option: string, file: string): Promise<StoreCase> {
  return {
    name,
    skipReason: await moduleProblem(module),
    async prepare() {
      const dir = await mkdtemp(join(tmpdir(), 'tokens-oauth-'));
      const child = { module, exportName: name, options: { [option]: join(dir, file) } };
      return {
        child,
        open: async () => {
          const StoreClass = (await import(module))[name] as new (options: object) => TokenStore;
          return new StoreClass(child.options);
        },
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  };
}

export const STORE_CASES: StoreCase[] = [
  {
    name: 'MemoryTokenStore',
    skipReason: undefined,
    async prepare() {
      const space = new MemorySpace();
      return { open: async () => new MemoryTokenStore({ space }), cleanup: async () => {} };
    },
  },
  await fileBacked('SqliteTokenStore', '@tokens/sqlite', 'filename', 'tokens.db'),
  await fileBacked('FileTokenStore', '@tokens/file', 'path', 'tokens.json'),
];
