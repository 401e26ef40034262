// Every SQL statement of the store, prepared once per store. Values are always bound parameters; the only
// names in the text are the validated, quoted table names and core's fixed column names.
import { type Identity, ZOHO_COLUMN_ORDER, ZOHO_COLUMNS } from '@tokens/core';
import type Database from 'better-sqlite3';
import { quote, type TableNames } from './table-names.js';

const COLUMNS = ZOHO_COLUMN_ORDER.map((field) => ZOHO_COLUMNS[field]);
/** Aliased so a legacy table's differently-cased column names still come back under core's names. */
const SELECT_COLUMNS = COLUMNS.map((c) => `${c} AS ${c}`).join(', ');
const HOLDER_COLUMNS = ['id', 'user_name', 'access_token', 'refresh_token', 'grant_token']
  .map((c) => `${c} AS ${c}`)
  .join(', ');

export type Row = Record<string, string | number | null>;

export interface TokenStatements {
  /** One lookup per identity rule; rule 4 also binds the client id. */
  readonly byIdentity: Record<Identity['by'], Database.Statement>;
  /** Rows (id and unique columns only) holding any of the unique values of a token about to be written. */
  readonly holders: Database.Statement;
  readonly all: Database.Statement;
  readonly insert: Database.Statement;
  readonly update: Database.Statement;
  readonly deleteById: Database.Statement;
  readonly deleteAll: Database.Statement;
  readonly purgeLeases: Database.Statement;
  readonly takeLease: Database.Statement;
  readonly releaseLease: Database.Statement;
}

export function prepareStatements(db: Database.Database, names: TableNames): TokenStatements {
  const t = quote(names.table);
  const leases = quote(names.leases);
  // `<> ''` repeats the partial unique index's condition, so SQLite may use the index for the lookup.
  const byColumn = (column: string, withClient = false) =>
    db.prepare(
      `SELECT ${SELECT_COLUMNS} FROM ${t} WHERE ${column} = ? AND ${column} <> ''${withClient ? ' AND client_id = ?' : ''}`,
    );
  const holderBranch = (column: string) =>
    `SELECT ${HOLDER_COLUMNS} FROM ${t} WHERE ${column} = @${column} AND ${column} <> ''`;
  return {
    byIdentity: {
      id: db.prepare(`SELECT ${SELECT_COLUMNS} FROM ${t} WHERE id = ?`),
      userName: byColumn('user_name'),
      accessToken: byColumn('access_token'),
      grantToken: byColumn('grant_token', true),
      refreshToken: byColumn('refresh_token', true),
    },
    holders: db.prepare(
      ['user_name', 'access_token', 'refresh_token', 'grant_token'].map(holderBranch).join(' UNION ALL '),
    ),
    all: db.prepare(`SELECT ${SELECT_COLUMNS} FROM ${t}`),
    insert: db.prepare(
      `INSERT INTO ${t} (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
    update: db.prepare(
      `UPDATE ${t} SET ${COLUMNS.filter((c) => c !== 'id')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE id = @id`,
    ),
    deleteById: db.prepare(`DELETE FROM ${t} WHERE id = ?`),
    deleteAll: db.prepare(`DELETE FROM ${t}`),
    purgeLeases: db.prepare(`DELETE FROM ${leases} WHERE expires_at <= ?`),
    // After the purge, a remaining row is a live lease: it is renewed only for its own holder.
    takeLease: db.prepare(
      `INSERT INTO ${leases} (lock_key, holder, expires_at) VALUES (@key, @holder, @expiresAt) ON CONFLICT (lock_key) DO UPDATE SET expires_at = excluded.expires_at WHERE holder = excluded.holder`,
    ),
    releaseLease: db.prepare(`DELETE FROM ${leases} WHERE lock_key = ? AND holder = ?`),
  };
}
