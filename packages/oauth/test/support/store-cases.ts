// The stores the refresh-once tests run on. Adding a store (MySQL, Redis, ...) is one entry here: how to
// make a fresh namespace, open an instance on it in this process, and tell a child process how to open it.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySpace, MemoryTokenStore, type TokenStore } from '@tokens/core';
import { testService } from '@tokens/testing';

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

/** A store class on a server from the test services, on a fresh namespace, shared with child processes. */
function serverBacked(
  name: string,
  module: string,
  service: 'mysql' | 'redis',
  optionsFor: (url: string, namespace: string) => Record<string, unknown>,
  drop: (url: string, namespace: string) => Promise<void>,
): StoreCase {
  const { url, skipReason } = testService(service);
  return {
    name,
    skipReason: url ? undefined : skipReason,
    async prepare() {
      const namespace = `oauth_${randomBytes(6).toString('hex')}`;
      const child = { module, exportName: name, options: optionsFor(url!, namespace) };
      return {
        child,
        open: async () => {
          const StoreClass = (await import(module))[name] as new (options: object) => TokenStore;
          return new StoreClass(child.options);
        },
        cleanup: () => drop(url!, namespace),
      };
    },
  };
}

async function dropMySqlTables(uri: string, table: string) {
  const { createConnection } = await import('mysql2/promise');
  const connection = await createConnection(uri);
  try {
    await connection.query('DROP TABLE IF EXISTS ??, ??', [table, `${table}_leases`]);
  } finally {
    await connection.end();
  }
}

async function dropRedisPrefix(url: string, prefix: string) {
  const { Redis } = await import('ioredis');
  const client = new Redis(url);
  try {
    const keys = await client.keys(`{${prefix}}:*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
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
  serverBacked(
    'MySqlTokenStore',
    '@tokens/mysql',
    'mysql',
    (uri, table) => ({ uri, table }),
    dropMySqlTables,
  ),
  serverBacked(
    'RedisTokenStore',
    '@tokens/redis',
    'redis',
    (url, prefix) => ({ url, prefix }),
    dropRedisPrefix,
  ),
];
