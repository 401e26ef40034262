// Creates the namespace's tables, or upgrades a table made by the Zoho article's Python store, keeping
// every row. The tokens table has exactly the ten Zoho columns; what this store adds beyond them (unique
// indexes, the lease table, a schema version) lives beside it and is added by the migration below.
import { type TokenStoreError, ZOHO_COLUMN_ORDER, ZOHO_COLUMNS } from '@tokens/core';
import type Database from 'better-sqlite3';
import { quote, type TableNames } from './table-names.js';

/** The schema version this code writes and understands. */
export const SCHEMA_VERSION = 1;

const VERSION_KEY = 'schema_version';

/** The article's and the Zoho README's column types; SQLite keeps them as declared but enforces no length. */
function columnType(column: string): string {
  if (column === 'id') return 'varchar(10) NOT NULL';
  return column === 'expiry_time' ? 'varchar(20)' : 'varchar(255)';
}

const COLUMNS = ZOHO_COLUMN_ORDER.map((field) => ZOHO_COLUMNS[field]);

function tokensTableSql(names: TableNames): string {
  const columns = COLUMNS.map((c) => `${c} ${columnType(c)}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${quote(names.table)} (${columns}, primary key (id))`;
}

/**
 * Brings the namespace to SCHEMA_VERSION. Reads the version first so that opening an up-to-date database
 * takes no write lock; otherwise migrates in one IMMEDIATE transaction, which several processes opening the
 * file at once take in turn (the loser finds the work done).
 */
export function migrate(db: Database.Database, names: TableNames, fail: FailFn): void {
  if (readVersion(db, names, fail) === SCHEMA_VERSION) return;
  db.transaction(() => {
    const version = readVersion(db, names, fail);
    if (version === SCHEMA_VERSION) return;
    db.prepare(tokensTableSql(names)).run();
    addMissingColumns(db, names, fail);
    db.prepare(
      `CREATE TABLE IF NOT EXISTS ${quote(names.meta)} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`,
    ).run();
    db.prepare(
      `CREATE TABLE IF NOT EXISTS ${quote(names.leases)} (lock_key TEXT PRIMARY KEY NOT NULL, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID`,
    ).run();
    assertNoDuplicates(db, names, fail);
    for (const { column, index } of names.uniqueIndexes) {
      // Partial: absent values (NULL, and the empty cells legacy rows may hold) are not unique.
      db.prepare(
        `CREATE UNIQUE INDEX IF NOT EXISTS ${quote(index)} ON ${quote(names.table)} (${column}) WHERE ${column} <> ''`,
      ).run();
    }
    db.prepare(`INSERT OR REPLACE INTO ${quote(names.meta)} (key, value) VALUES (?, ?)`).run(
      VERSION_KEY,
      String(SCHEMA_VERSION),
    );
  }).immediate();
}

export type FailFn = (code: 'CORRUPT' | 'BACKEND', message: string) => TokenStoreError;

/** 0 for a namespace this store never upgraded (no table, or the article's table alone). */
function readVersion(db: Database.Database, names: TableNames, fail: FailFn): number {
  const exists = db
    .prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE`)
    .get(names.meta);
  if (!exists) return 0;
  const row = db.prepare(`SELECT value FROM ${quote(names.meta)} WHERE key = ?`).get(VERSION_KEY) as
    | { value: string }
    | undefined;
  const version = row ? Number(row.value) : 0;
  if (!Number.isSafeInteger(version) || version < 0) {
    throw fail('CORRUPT', `table "${names.meta}" holds a malformed schema version`);
  }
  if (version > SCHEMA_VERSION) {
    throw fail(
      'BACKEND',
      `table "${names.table}" has schema version ${version}, newer than this @tokens/sqlite knows (${SCHEMA_VERSION}); upgrade the package`,
    );
  }
  return version;
}

/** A table made with fewer columns (e.g. before api_domain existed) gains the missing ones, all NULL. */
function addMissingColumns(db: Database.Database, names: TableNames, fail: FailFn): void {
  const present = new Set(
    (db.prepare('SELECT name FROM pragma_table_info(?)').all(names.table) as { name: string }[]).map((r) =>
      r.name.toLowerCase(),
    ),
  );
  if (!present.has('id')) throw fail('CORRUPT', `table "${names.table}" has no id column`);
  for (const column of COLUMNS) {
    if (!present.has(column)) {
      db.prepare(`ALTER TABLE ${quote(names.table)} ADD COLUMN ${column} ${columnType(column)}`).run();
    }
  }
}

/**
 * A legacy table may hold two rows with one user name or credential, which the unique indexes would
 * reject. Which row is right cannot be decided here, so nothing is dropped or changed: the open fails with
 * CORRUPT naming the column and the row ids (never the values, which may be secrets), and the whole
 * migration is rolled back.
 */
function assertNoDuplicates(db: Database.Database, names: TableNames, fail: FailFn): void {
  const problems: string[] = [];
  for (const { column } of names.uniqueIndexes) {
    const groups = db
      .prepare(
        `SELECT group_concat(id, ', ') AS ids FROM ${quote(names.table)} WHERE ${column} <> '' GROUP BY ${column} HAVING count(*) > 1`,
      )
      .all() as { ids: string }[];
    for (const { ids } of groups) problems.push(`rows with ids ${ids} share one ${column}`);
  }
  if (problems.length > 0) {
    const shown =
      problems.slice(0, 10).join('; ') + (problems.length > 10 ? `; and ${problems.length - 10} more` : '');
    throw fail(
      'CORRUPT',
      `table "${names.table}" cannot get its unique indexes: ${shown}. Nothing was changed; delete or correct the duplicate rows, then open the store again`,
    );
  }
}
