// The store's options, and the database connection they lead to: one the store opens (and configures for
// several processes) or one the caller owns.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TokenStoreError } from '@tokens/core';
import Database from 'better-sqlite3';
import { isSqliteUri, secureDatabaseFile } from './database-file-mode.js';

export interface SqliteTokenStoreOptions {
  /** Path of the database file (created with mode 0600 when missing; an existing one is narrowed to at most 0600), or `':memory:'` for a private in-memory database. No default: give `filename` or `database`. */
  filename?: string;
  /** A better-sqlite3 `Database` you opened and will close; the store uses it as you configured it and never closes it. No default. */
  database?: Database.Database;
  /** Table of the tokens, with the ten Zoho columns (at most 56 characters; `<table>_leases` and `<table>_meta` are made beside it). Default `'oauthtoken'`. */
  table?: string;
  /** How long a write waits for another connection's write lock before failing with `UNAVAILABLE`, in ms; only for a database opened from `filename`. Default `5000`. */
  busyTimeoutMs?: number;
  /** Current time in epoch ms, used for lease expiry. Default `Date.now`. */
  now?: () => number;
}

export interface Connection {
  readonly db: Database.Database;
  /** Whether the store opened the database, and so closes it. */
  readonly owned: boolean;
}

function invalid(message: string): TokenStoreError {
  return new TokenStoreError('INVALID_ARGUMENT', message, {
    operation: 'constructor',
    store: 'SqliteTokenStore',
  });
}

/** Checks the connection options; opening may still fail (and is reported by the store as `open`). */
export function checkConnectionOptions(options: SqliteTokenStoreOptions): void {
  const { filename, database, busyTimeoutMs } = options;
  if ((filename === undefined) === (database === undefined)) {
    throw invalid('give exactly one of the options "filename" and "database"');
  }
  if (
    filename !== undefined &&
    (typeof filename !== 'string' || filename === '' || filename.includes('\0'))
  ) {
    throw invalid('option "filename" must be a non-empty path or ":memory:"');
  }
  if (
    database !== undefined &&
    (typeof database !== 'object' || database === null || typeof database.prepare !== 'function')
  ) {
    throw invalid('option "database" must be a better-sqlite3 Database');
  }
  if (busyTimeoutMs !== undefined && (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0)) {
    throw invalid('option "busyTimeoutMs" must be a non-negative integer of ms');
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw invalid('option "now" must be a function returning epoch ms');
  }
}

/**
 * Opens the connection. A database file is created 0600 before SQLite opens it (see database-file-mode.ts).
 * A file the store opens is switched to WAL (readers never block the writer, and
 * several processes share the file) with full fsync on commit, so a save that resolved survives a power
 * loss; better-sqlite3 builds SQLite with a weaker WAL default.
 */
export function openConnection(options: SqliteTokenStoreOptions): Connection {
  if (options.database) return { db: options.database, owned: false };
  const filename = options.filename!;
  if (filename !== ':memory:' && !isSqliteUri(filename)) {
    if (!existsSync(dirname(resolve(filename)))) {
      throw invalid('option "filename" names a file in a directory that does not exist');
    }
    secureDatabaseFile(filename);
  }
  const db = new Database(filename, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, owned: true };
}
