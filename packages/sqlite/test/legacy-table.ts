// The table of the Zoho article's Python SQLite store, made as that store makes it, for the interop and
// migration tests.
import Database from 'better-sqlite3';

/** The article's CREATE TABLE, as its Python code runs it on first use. */
export const ARTICLE_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS oauthtoken (id varchar(10) NOT NULL, user_name varchar(255), ' +
  'client_id varchar(255), client_secret varchar(255), refresh_token varchar(255), ' +
  'access_token varchar(255), grant_token varchar(255), expiry_time varchar(20), ' +
  'redirect_url varchar(255), api_domain varchar(255), primary key (id))';

export type LegacyRow = Record<string, string | null>;

const COLUMNS = [
  'id',
  'user_name',
  'client_id',
  'client_secret',
  'refresh_token',
  'access_token',
  'grant_token',
  'expiry_time',
  'redirect_url',
  'api_domain',
];

/** Creates `file` with the article's table (default rollback journal, as Python's sqlite3 leaves it) and rows. */
export function writeLegacyDatabase(file: string, rows: LegacyRow[], createSql = ARTICLE_TABLE_SQL): void {
  const db = new Database(file);
  db.exec(createSql);
  const insert = db.prepare(
    `INSERT INTO oauthtoken (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
  );
  for (const row of rows) insert.run(COLUMNS.map((c) => row[c] ?? null));
  db.close();
}

/** Every row and every schema entry of `file`, read with a separate connection. */
export function snapshot(file: string, table = 'oauthtoken') {
  const db = new Database(file, { readonly: true });
  try {
    return {
      rows: db.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as LegacyRow[],
      schema: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all() as {
        type: string;
        name: string;
        sql: string | null;
      }[],
    };
  } finally {
    db.close();
  }
}
