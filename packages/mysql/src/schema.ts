// The table the store keeps tokens in: created when missing, and migrated when it is a Zoho SDK table
// (README's varchar(255) columns) that lacks the hash columns and unique indexes the store relies on.
import { createHash } from 'node:crypto';
import { TokenStoreError, UNIQUE_FIELDS, ZOHO_COLUMNS } from '@tokens/core';
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import { type ColumnInfo, type ColumnLimits, columnLimits } from './column-limits.js';
import { isDuplicateKey } from './mysql-errors.js';
import { statement } from './statement.js';
import { hashColumn, hashOfColumn, quoteName, TOKEN_COLUMNS } from './table-sql.js';

/** Kept in the table comment; a later version of this package migrates from it. */
export const SCHEMA_VERSION = 1;
const SCHEMA_COMMENT = `@tokens/mysql schema ${SCHEMA_VERSION}`;

/** Column types of a table this store creates: 16 KiB values of any Unicode; ids of up to 64 ASCII chars. */
const COLUMN_TYPES: Record<string, string> = {
  id: 'VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL',
  expiry_time: 'VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL',
};
const columnType = (column: string) =>
  COLUMN_TYPES[column] ?? 'TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL';

const hashColumnDef = (field: (typeof UNIQUE_FIELDS)[number]) =>
  `${quoteName(hashColumn(field))} BINARY(32) GENERATED ALWAYS AS (${hashOfColumn(ZOHO_COLUMNS[field])}) STORED`;
const uniqueKeyDef = (field: (typeof UNIQUE_FIELDS)[number]) =>
  `UNIQUE KEY ${quoteName(hashColumn(field))} (${quoteName(hashColumn(field))})`;

function createTokenTable(table: string): string {
  const parts = [
    ...TOKEN_COLUMNS.map((c) => `${quoteName(c)} ${columnType(c)}`),
    ...UNIQUE_FIELDS.map(hashColumnDef),
    'PRIMARY KEY (`id`)',
    ...UNIQUE_FIELDS.map(uniqueKeyDef),
  ];
  return `CREATE TABLE IF NOT EXISTS ${quoteName(table)} (\n  ${parts.join(',\n  ')}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='${SCHEMA_COMMENT}'`;
}

function createLeaseTable(leaseTable: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteName(leaseTable)} (
  lock_key VARBINARY(200) NOT NULL PRIMARY KEY,
  holder VARBINARY(255) NOT NULL,
  expires_at BIGINT NOT NULL,
  grants BIGINT UNSIGNED NOT NULL DEFAULT 1
) ENGINE=InnoDB COMMENT='${SCHEMA_COMMENT}: leases of ${leaseTable.slice(0, 60)}'`;
}

interface TableShape {
  engine: string;
  columns: ColumnInfo[];
  uniqueKeys: Set<string>;
}

async function tableExists(conn: PoolConnection, table: string): Promise<boolean> {
  const [rows] = await conn.query<RowDataPacket[]>(
    statement(
      conn,
      'SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
    ),
    [table],
  );
  return rows.length > 0;
}

/** The table's engine ('' when there is no such table), columns and unique indexes. */
async function readShape(conn: PoolConnection, table: string): Promise<TableShape> {
  const [[tableRow]] = await conn.query<RowDataPacket[]>(
    statement(
      conn,
      'SELECT ENGINE AS engine FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
    ),
    [table],
  );
  const [columns] = await conn.query<RowDataPacket[]>(
    statement(
      conn,
      `SELECT c.COLUMN_NAME AS name, c.DATA_TYPE AS dataType, c.CHARACTER_MAXIMUM_LENGTH AS maxChars,
            c.CHARACTER_OCTET_LENGTH AS maxBytes, c.CHARACTER_SET_NAME AS charset, s.MAXLEN AS bytesPerChar
       FROM information_schema.COLUMNS c
       LEFT JOIN information_schema.CHARACTER_SETS s ON s.CHARACTER_SET_NAME = c.CHARACTER_SET_NAME
      WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = ?`,
    ),
    [table],
  );
  const [keys] = await conn.query<RowDataPacket[]>(
    statement(
      conn,
      `SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0`,
    ),
    [table],
  );
  const number = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    engine: String(tableRow?.['engine'] ?? ''),
    columns: columns.map((c) => ({
      name: String(c['name']),
      dataType: String(c['dataType']),
      maxChars: number(c['maxChars']),
      maxBytes: number(c['maxBytes']),
      charset: c['charset'] === null ? null : String(c['charset']),
      bytesPerChar: number(c['bytesPerChar']),
    })),
    uniqueKeys: new Set(keys.map((k) => String(k['name']))),
  };
}

/** What an existing table lacks: Zoho columns (api_domain in older tables), hash columns, unique keys. */
function missingParts(shape: TableShape): string[] {
  const has = (name: string) => shape.columns.some((c) => c.name === name);
  return [
    ...TOKEN_COLUMNS.filter((c) => c !== 'id' && !has(c)).map(
      (c) => `ADD COLUMN ${quoteName(c)} ${columnType(c)}`,
    ),
    ...UNIQUE_FIELDS.filter((f) => !has(hashColumn(f))).map((f) => `ADD COLUMN ${hashColumnDef(f)}`),
    ...UNIQUE_FIELDS.filter((f) => !shape.uniqueKeys.has(hashColumn(f))).map((f) => `ADD ${uniqueKeyDef(f)}`),
  ];
}

/**
 * Makes sure the token table and the lease table exist and have what the store needs, and returns the
 * token columns' limits. A legacy table is migrated by one ALTER TABLE that only adds columns and indexes:
 * it keeps every row as it is. If legacy rows already share a userName or credential, the unique index
 * cannot be built; the ALTER then fails as a whole, the table is left untouched, and init fails with
 * CORRUPT naming the column, until someone resolves the duplicates (the next call tries again).
 */
export async function prepareTables(
  conn: PoolConnection,
  table: string,
  leaseTable: string,
): Promise<ColumnLimits> {
  const [[{ db }]] = (await conn.query<RowDataPacket[]>(
    statement(conn, 'SELECT DATABASE() AS db'),
  )) as unknown as [[{ db: string | null }]];
  if (!db) {
    throw new TokenStoreError(
      'INVALID_ARGUMENT',
      'no database selected: name one in the uri or the database option',
      {
        operation: 'init',
      },
    );
  }
  // CREATE only what is missing: a deployment whose user has no CREATE privilege works on existing tables.
  let shape = await readShape(conn, table);
  if (!shape.engine) {
    await conn.query(statement(conn, createTokenTable(table)));
    shape = await readShape(conn, table);
  }
  if (!(await tableExists(conn, leaseTable))) await conn.query(statement(conn, createLeaseTable(leaseTable)));
  if (!shape.columns.some((c) => c.name === 'id')) {
    throw new TokenStoreError('CORRUPT', `table ${table} has no id column: it is not a token table`, {
      operation: 'init',
    });
  }
  if (shape.engine.toLowerCase() !== 'innodb') {
    throw new TokenStoreError(
      'BACKEND',
      `table ${table} uses the ${shape.engine} engine; the store needs InnoDB`,
      {
        operation: 'init',
      },
    );
  }
  if (missingParts(shape).length > 0) shape = await migrate(conn, db, table);
  return columnLimits(shape.columns);
}

async function migrate(conn: PoolConnection, db: string, table: string): Promise<TableShape> {
  // Stores starting together on one legacy table take turns; the second finds the work done.
  const lockName = `tokens-mysql:${createHash('sha256').update(`${db}.${table}`).digest('hex').slice(0, 40)}`;
  const [[{ got }]] = (await conn.query<RowDataPacket[]>(statement(conn, 'SELECT GET_LOCK(?, 60) AS got'), [
    lockName,
  ])) as unknown as [[{ got: number | string | null }]];
  // A string with a pool's supportBigNumbers + bigNumberStrings.
  if (Number(got) !== 1) {
    throw new TokenStoreError(
      'UNAVAILABLE',
      `timed out waiting for another instance migrating table ${table}`,
      {
        operation: 'init',
      },
    );
  }
  try {
    const shape = await readShape(conn, table);
    const parts = missingParts(shape);
    if (parts.length === 0) return shape;
    await conn.query(
      statement(conn, `ALTER TABLE ${quoteName(table)} ${parts.join(', ')}, COMMENT = '${SCHEMA_COMMENT}'`),
    );
    return await readShape(conn, table);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const field = UNIQUE_FIELDS.find((f) => String((error as Error).message).includes(hashColumn(f)));
    const column = field ? ZOHO_COLUMNS[field] : 'unique column';
    throw new TokenStoreError(
      'CORRUPT',
      `table ${table} holds rows sharing one ${column} value; nothing was changed. Find them with SELECT CAST(${column} AS BINARY) AS v, COUNT(*) FROM ${table} GROUP BY v HAVING COUNT(*) > 1, and keep one row per value`,
      { operation: 'init' },
    );
  } finally {
    // A lost connection releases the named lock by itself; its error must not hide the first one.
    await conn.query(statement(conn, 'SELECT RELEASE_LOCK(?)'), [lockName]).catch(() => undefined);
  }
}
