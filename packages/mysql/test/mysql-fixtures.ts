// What the MySQL test files share: the server the global setup found, an admin pool that reads and drops
// tables behind the store's back, and fresh random table names so files and cases can run in parallel.
import { randomBytes } from 'node:crypto';
import { testService } from '@tokens/testing';
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import { afterAll } from 'vitest';
import { MySqlTokenStore, type MySqlTokenStoreOptions } from '../src/index.js';

export const service = testService('mysql');

let admin: Pool | undefined;
/** A pool of the test's own, never the store's. */
export function adminPool(): Pool {
  admin ??= createPool({ uri: service.url!, connectionLimit: 4 });
  return admin;
}
afterAll(async () => {
  await admin?.end();
  admin = undefined;
});

export const randomTable = (prefix = 't') => `${prefix}_${randomBytes(8).toString('hex')}`;

export function newStore(options: MySqlTokenStoreOptions = {}): MySqlTokenStore {
  return new MySqlTokenStore({ uri: service.url!, table: randomTable(), ...options });
}

/** Every row of `table`, read with SELECT * through the admin pool. */
export async function rawRows(table: string): Promise<RowDataPacket[]> {
  const [rows] = await adminPool().query<RowDataPacket[]>('SELECT * FROM ??', [table]);
  return rows;
}

export async function dropTables(store: { table: string; leaseTable: string }): Promise<void> {
  await adminPool().query('DROP TABLE IF EXISTS ??, ??', [store.table, store.leaseTable]);
}

/** The README's CREATE TABLE, word for word but the name. */
export async function createZohoTable(table: string, tableOptions = ''): Promise<void> {
  await adminPool().query(
    `CREATE TABLE ?? (id varchar(10) NOT NULL, user_name varchar(255), client_id varchar(255), client_secret varchar(255), refresh_token varchar(255), access_token varchar(255), grant_token varchar(255), expiry_time varchar(20), redirect_url varchar(255), api_domain varchar(255), primary key (id)) ${tableOptions}`,
    [table],
  );
}
