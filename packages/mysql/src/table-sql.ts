// Every statement the store sends, built once per store from the validated table names. Values always
// travel as placeholders; the only text put into SQL is a name that passed assertSqlIdentifier.
import { type UNIQUE_FIELDS, ZOHO_COLUMN_ORDER, ZOHO_COLUMNS } from '@tokens/core';

export type UniqueField = (typeof UNIQUE_FIELDS)[number];

/** `name` in backticks. Only names matching SQL_IDENTIFIER_PATTERN reach here, so none holds a backtick. */
export const quoteName = (name: string): string => `\`${name}\``;

/** The generated column holding SHA-256 of a unique column's value; its UNIQUE index has the same name. */
export const hashColumn = (field: UniqueField): string => `${ZOHO_COLUMNS[field]}_sha256`;

/**
 * Hashing both sides as utf8mb4 bytes makes the comparison exact (case, trailing spaces, any collation or
 * charset of the column) and lets an index on 32 bytes enforce uniqueness of values up to 16 KiB.
 * Empty strings hash to NULL: in the Zoho tables an empty cell means "absent", and NULLs may repeat.
 */
export const hashOfColumn = (column: string): string =>
  `UNHEX(SHA2(IF(LENGTH(${quoteName(column)}) > 0, CONVERT(${quoteName(column)} USING utf8mb4), NULL), 256))`;
const HASH_OF_PARAM = 'UNHEX(SHA2(CONVERT(? USING utf8mb4), 256))';

/** The lease clock is the server's, in epoch ms, so instances with skewed clocks agree on expiry. */
const SERVER_NOW_MS = "(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000)";

export const TOKEN_COLUMNS = ZOHO_COLUMN_ORDER.map((f) => ZOHO_COLUMNS[f]);

export type LookupKey = 'id' | UniqueField;

export interface TableSql {
  select: Record<LookupKey, string>;
  selectForUpdate: Record<LookupKey, string>;
  selectAll: string;
  insert: string;
  /** Sets every column but id; the last parameter is the id. */
  update: string;
  deleteById: string;
  deleteAll: string;
  leaseInsert: string;
  leaseTakeOver: string;
  leaseRelease: string;
}

export function tableSql(table: string, leaseTable: string): TableSql {
  const t = quoteName(table);
  const l = quoteName(leaseTable);
  const columns = TOKEN_COLUMNS.map(quoteName).join(', ');
  const base = `SELECT ${columns} FROM ${t} WHERE `;
  const where: Record<LookupKey, string> = {
    id: '`id` = ?',
    userName: `${quoteName(hashColumn('userName'))} = ${HASH_OF_PARAM}`,
    accessToken: `${quoteName(hashColumn('accessToken'))} = ${HASH_OF_PARAM}`,
    refreshToken: `${quoteName(hashColumn('refreshToken'))} = ${HASH_OF_PARAM}`,
    grantToken: `${quoteName(hashColumn('grantToken'))} = ${HASH_OF_PARAM}`,
  };
  const keys = Object.keys(where) as LookupKey[];
  const settable = TOKEN_COLUMNS.filter((c) => c !== 'id');
  return {
    select: Object.fromEntries(keys.map((k) => [k, base + where[k]])) as Record<LookupKey, string>,
    selectForUpdate: Object.fromEntries(keys.map((k) => [k, `${base}${where[k]} FOR UPDATE`])) as Record<
      LookupKey,
      string
    >,
    selectAll: `SELECT ${columns} FROM ${t}`,
    insert: `INSERT INTO ${t} (${columns}) VALUES (${TOKEN_COLUMNS.map(() => '?').join(', ')})`,
    update: `UPDATE ${t} SET ${settable.map((c) => `${quoteName(c)} = ?`).join(', ')} WHERE \`id\` = ?`,
    // `id` = ? uses the primary key; the binary comparison keeps it exact on a legacy case-insensitive id.
    deleteById: `DELETE FROM ${t} WHERE \`id\` = ? AND CAST(\`id\` AS BINARY) = CAST(? AS BINARY)`,
    deleteAll: `DELETE FROM ${t}`,
    leaseInsert: `INSERT INTO ${l} (lock_key, holder, expires_at) VALUES (?, ?, ${SERVER_NOW_MS} + ?)`,
    // Takes an existing lease when it is ours or has expired. `grants` changes on every take, so the
    // affected-row count is 1 exactly when the lease was taken, with or without the FOUND_ROWS flag.
    leaseTakeOver: `UPDATE ${l} SET holder = ?, expires_at = ${SERVER_NOW_MS} + ?, grants = grants + 1 WHERE lock_key = ? AND (holder = ? OR expires_at <= ${SERVER_NOW_MS})`,
    leaseRelease: `DELETE FROM ${l} WHERE lock_key = ? AND holder = ?`,
  };
}

/** The parameters of `insert` for a token, in column order: absent fields are NULL. */
export function insertParams(row: Record<string, string | null>): (string | null)[] {
  return TOKEN_COLUMNS.map((c) => row[c] ?? null);
}

/** The parameters of `update`: every column but id, then the id. */
export function updateParams(row: Record<string, string | null>): (string | null)[] {
  return [...TOKEN_COLUMNS.filter((c) => c !== 'id').map((c) => row[c] ?? null), row['id'] ?? null];
}
