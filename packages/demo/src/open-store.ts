// Maps a store URL (`--store`) to a TokenStore: the one place that knows every backend's constructor.
// Drivers are imported only for the scheme in use, so the SQLite default never loads mysql2 or mongodb.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TokenStore } from '@tokens/core';

/** The namespace the demo uses in shared servers (a table, a key prefix, a collection). */
export const DEMO_NAMESPACE = 'tokens_demo';

export interface StoreTarget {
  /** The scheme: sqlite, file, mysql, redis, mongodb or memory. */
  readonly kind: string;
  /** The URL to give another process so it opens the same store (may hold a password: never printed). */
  readonly url: string;
  /** What to print: the URL without its password, and what it is. */
  readonly description: string;
  /** Whether another process can open the same store (false for memory). */
  readonly shared: boolean;
  /** A directory the demo created for the default store, removed at the end. */
  readonly tempDir?: string;
}

export class StoreUrlError extends Error {
  override readonly name = 'StoreUrlError';
}

const SCHEMES = 'sqlite:<path>, file:<path>, mysql://..., redis://..., rediss://..., mongodb://..., memory:';

/** The default store: an SQLite file in a fresh directory of the system's temp dir. */
export function defaultStoreTarget(): StoreTarget {
  const tempDir = mkdtempSync(join(tmpdir(), 'tokens-demo-'));
  const path = join(tempDir, 'tokens.db');
  return {
    kind: 'sqlite',
    url: `sqlite:${path}`,
    description: `SQLite file ${path} (a fresh temp dir)`,
    shared: true,
    tempDir,
  };
}

/** Parses `--store`; throws StoreUrlError naming the accepted schemes for anything else. */
export function parseStoreUrl(input: string): StoreTarget {
  const colon = input.indexOf(':');
  const scheme = colon > 0 ? input.slice(0, colon).toLowerCase() : '';
  const rest = input.slice(colon + 1);
  switch (scheme) {
    case 'sqlite':
    case 'file': {
      // sqlite:relative.db, sqlite:/abs.db and sqlite:///abs.db all name a path.
      const path = rest.startsWith('//') ? rest.slice(2) : rest;
      if (!path)
        throw new StoreUrlError(
          `${scheme}: needs a path, e.g. ${scheme}:./tokens.${scheme === 'file' ? 'json' : 'db'}`,
        );
      const absolute = resolve(path);
      const what = scheme === 'sqlite' ? 'SQLite file' : 'JSON token file';
      return { kind: scheme, url: `${scheme}:${absolute}`, description: `${what} ${absolute}`, shared: true };
    }
    case 'mysql':
      return server('mysql', input, `MySQL/MariaDB, table ${DEMO_NAMESPACE}`);
    case 'redis':
    case 'rediss':
      return server('redis', input, `Redis, key prefix {${DEMO_NAMESPACE}}:`);
    case 'mongodb':
    case 'mongodb+srv':
      return server('mongodb', input, `MongoDB, collection ${DEMO_NAMESPACE}`);
    case 'memory':
      return {
        kind: 'memory',
        url: 'memory:',
        description: 'MemoryTokenStore (this process only)',
        shared: false,
      };
    default:
      throw new StoreUrlError(`unknown store "${redactUrl(input)}": use one of ${SCHEMES}`);
  }
}

function server(kind: string, url: string, what: string): StoreTarget {
  try {
    new URL(url);
  } catch {
    throw new StoreUrlError(`"${redactUrl(url)}" is not a valid URL`);
  }
  return { kind, url, description: `${what} at ${redactUrl(url)}`, shared: true };
}

/** The URL with any password replaced, for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.href;
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/** Opens the store a target names. Each call is a new, independent instance (a new connection). */
export async function openStore(target: StoreTarget): Promise<TokenStore> {
  const path = target.url.slice(target.url.indexOf(':') + 1);
  switch (target.kind) {
    case 'sqlite': {
      const { SqliteTokenStore } = await import('@tokens/sqlite');
      return new SqliteTokenStore({ filename: path });
    }
    case 'file': {
      const { FileTokenStore } = await import('@tokens/file');
      return new FileTokenStore({ path });
    }
    case 'mysql': {
      const { MySqlTokenStore } = await import('@tokens/mysql');
      return new MySqlTokenStore({ uri: target.url, table: DEMO_NAMESPACE, connectTimeout: 5000 });
    }
    case 'redis': {
      const { RedisTokenStore } = await import('@tokens/redis');
      return new RedisTokenStore({ url: target.url, prefix: DEMO_NAMESPACE });
    }
    case 'mongodb': {
      const { MongoTokenStore } = await import('@tokens/mongo');
      return new MongoTokenStore({
        url: target.url,
        collection: DEMO_NAMESPACE,
        clientOptions: { serverSelectionTimeoutMS: 5000 },
      });
    }
    case 'memory': {
      const { MemoryTokenStore } = await import('@tokens/core');
      return new MemoryTokenStore();
    }
    default:
      throw new StoreUrlError(`unknown store kind ${target.kind}`);
  }
}
