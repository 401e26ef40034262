// The store's options and what they resolve to: the database handle, whether the store owns (and so
// closes) the client, and the validated collection names. Nothing here touches the network: the driver
// connects on the first operation.
import { assertSqlIdentifier, TokenStoreError } from '@tokens/core';
import { type Db, MongoClient, type MongoClientOptions } from 'mongodb';

export const STORE_NAME = 'MongoTokenStore';
export const DEFAULT_COLLECTION = 'oauthtoken';
export const LEASE_COLLECTION_SUFFIX = '_leases';
/** Database names this store accepts: a portable subset of what MongoDB allows (no `/\. "$*<>:|?`). */
export const DATABASE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,63}$/;

/** Give exactly one of `url`, `client` or `db`. */
export interface MongoTokenStoreOptions {
  /** A connection string. The store makes its own `MongoClient` from it and closes it in `close()`. */
  url?: string;
  /** Options for the client made from `url`, e.g. `serverSelectionTimeoutMS` (driver default 30 000). */
  clientOptions?: MongoClientOptions;
  /** A client you own, instead of `url`. The store uses it and never closes it. */
  client?: MongoClient;
  /** A database handle you own, instead of `url` or `client`. The store never closes its client. */
  db?: Db;
  /** The database, with `url` or `client`. Default: the one the connection string names, else `test`. */
  database?: string;
  /**
   * The collection of tokens, `^[A-Za-z_][A-Za-z0-9_]{0,63}$` (the rule for SQL table names, so a name
   * works for every store of this project). Default `oauthtoken`. Leases live in `<collection>_leases`.
   */
  collection?: string;
}

export interface ResolvedOptions {
  db: Db;
  /** The client the store made from `url`, which `close()` closes; `undefined` for a caller's client. */
  ownedClient: MongoClient | undefined;
  collection: string;
  leaseCollection: string;
}

function invalid(message: string): TokenStoreError {
  return new TokenStoreError('INVALID_ARGUMENT', message, { operation: 'constructor', store: STORE_NAME });
}

export function resolveOptions(options: MongoTokenStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options must be an object');
  const { url, client, db, database } = options;
  const given = [url, client, db].filter((v) => v !== undefined).length;
  if (given !== 1) throw invalid('give exactly one of the options "url", "client" or "db"');
  const name = options.collection === undefined ? DEFAULT_COLLECTION : options.collection;
  const collection = assertSqlIdentifier(name, 'collection', STORE_NAME);
  if (database !== undefined) {
    if (db !== undefined) throw invalid('option "database" goes with "url" or "client", not with "db"');
    if (typeof database !== 'string' || !DATABASE_NAME_PATTERN.test(database)) {
      throw invalid(`option "database" must match ${DATABASE_NAME_PATTERN}`);
    }
  }
  const resolved = { collection, leaseCollection: `${collection}${LEASE_COLLECTION_SUFFIX}` };
  if (db !== undefined) return { ...resolved, db, ownedClient: undefined };
  if (client !== undefined) return { ...resolved, db: client.db(database), ownedClient: undefined };
  if (typeof url !== 'string') throw invalid('option "url" must be a string');
  let owned: MongoClient;
  try {
    owned = new MongoClient(url, options.clientOptions);
  } catch {
    // The driver's parse error may quote the connection string, password included: it is not kept.
    throw invalid('option "url" is not a valid MongoDB connection string, or "clientOptions" are invalid');
  }
  return { ...resolved, db: owned.db(database), ownedClient: owned };
}
