// A table made from the Zoho SDK's README (varchar(255) columns, id varchar(10)), filled as the SDK fills
// it: the store opens it, finds every token by every rule, migrates it without touching a row, and updates it.
import { suiteTitle } from '@tokens/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterEach, describe, expect, it } from 'vitest';
import { MySqlTokenStore } from '../src/index.js';
import { adminPool, createZohoTable, dropTables, randomTable, service } from './mysql-fixtures.js';

const ZOHO_COLUMNS =
  'id, user_name, client_id, client_secret, refresh_token, access_token, grant_token, expiry_time, redirect_url, api_domain';

/** Ten rows as the SDK writes them: ids '1'...'10', expiry_time a decimal string of ms, gaps as NULL or ''. */
const legacyRows = Array.from({ length: 10 }, (_, i) => {
  const n = i + 1;
  return [
    String(n),
    n === 10 ? null : `user${n}@example.com:6000${n}`,
    `1000.CLIENT${n % 3}`,
    `secret-${n}`,
    `1000.refresh.${n}`,
    n === 7 ? '' : `1000.access.${n}`,
    n % 2 ? null : `1000.grant.${n}`,
    String(1_767_225_600_000 + n),
    n === 4 ? null : 'https://example.com/callback',
    'https://www.zohoapis.com',
  ];
});

async function zohoRows(table: string): Promise<unknown[][]> {
  const [rows] = await adminPool().query<RowDataPacket[]>(
    `SELECT ${ZOHO_COLUMNS} FROM ?? ORDER BY CAST(id AS UNSIGNED)`,
    [table],
  );
  return rows.map((r) => Object.values(r));
}

describe.skipIf(!service.url)(suiteTitle('MySqlTokenStore on a Zoho SDK table', service), () => {
  const stores: MySqlTokenStore[] = [];
  const open = (table: string) => {
    const store = new MySqlTokenStore({ uri: service.url!, table });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) {
      await store.close();
      await dropTables(store);
    }
  });

  async function legacyTable(): Promise<string> {
    const table = randomTable('zoho');
    await createZohoTable(table);
    await adminPool().query(`INSERT INTO ?? (${ZOHO_COLUMNS}) VALUES ?`, [table, legacyRows]);
    return table;
  }

  it('finds every legacy token by id and by each identity rule', async () => {
    const table = await legacyTable();
    const store = open(table);
    for (const [id, user, client, secret, refresh, access, grant, expiry] of legacyRows) {
      const byId = await store.findTokenById(id!);
      expect(byId?.id).toBe(id);
      expect(byId?.expiresAt).toBe(Number(expiry));
      if (user) expect((await store.findToken({ userName: user }))?.id).toBe(id);
      if (access) expect((await store.findToken({ accessToken: access }))?.id).toBe(id);
      const creds = { clientId: client!, clientSecret: secret! };
      expect((await store.findToken({ refreshToken: refresh!, ...creds }))?.id).toBe(id);
      if (grant) expect((await store.findToken({ grantToken: grant, ...creds }))?.id).toBe(id);
      // Rule 4 never hands one client's token to another.
      expect(
        await store.findToken({ refreshToken: refresh!, clientId: 'other', clientSecret: 's' }),
      ).toBeUndefined();
    }
    const seven = await store.findTokenById('7');
    expect(seven && 'accessToken' in seven).toBe(false); // '' is an absent field
    expect(await store.getTokens()).toHaveLength(10);
  });

  it('migrates by adding hash columns and unique keys, keeping every row as it was', async () => {
    const table = await legacyTable();
    const before = await zohoRows(table);
    await open(table).getTokens();
    expect(await zohoRows(table)).toEqual(before);
    const [columns] = await adminPool().query<RowDataPacket[]>(
      `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [table],
    );
    expect(columns.map((c) => c['name'])).toEqual([
      ...ZOHO_COLUMNS.split(', '),
      'user_name_sha256',
      'access_token_sha256',
      'refresh_token_sha256',
      'grant_token_sha256',
    ]);
    // The Zoho columns keep their types: the SDK can go on using the table.
    expect(columns.find((c) => c['name'] === 'user_name')?.['type']).toBe('varchar(255)');
    expect(columns.find((c) => c['name'] === 'id')?.['type']).toBe('varchar(10)');
  });

  it('saves an update into a legacy row, and new tokens get ids that fit varchar(10)', async () => {
    const table = await legacyTable();
    const store = open(table);
    const before = await zohoRows(table);
    const updated = await store.saveToken({
      userName: 'user3@example.com:60003',
      accessToken: '1000.access.new',
    });
    expect(updated).toMatchObject({
      id: '3',
      refreshToken: '1000.refresh.3',
      accessToken: '1000.access.new',
    });
    const after = await zohoRows(table);
    expect(after.filter((_, i) => i !== 2)).toEqual(before.filter((_, i) => i !== 2));
    expect(after[2]![5]).toBe('1000.access.new');
    const fresh = await store.saveToken({ userName: 'new@example.com:1', refreshToken: '1000.refresh.new' });
    expect(fresh.id).toHaveLength(10);
    expect((await store.findTokenById(fresh.id))?.userName).toBe('new@example.com:1');
  });

  it('rows the SDK writes after the migration are found, and duplicates are now refused', async () => {
    const table = await legacyTable();
    const store = open(table);
    await store.getTokens();
    await adminPool().query(`INSERT INTO ?? (${ZOHO_COLUMNS}) VALUES (?)`, [
      table,
      ['11', 'late@example.com:1', 'c', 's', 'rt-late', 'at-late', null, '1', null, null],
    ]);
    expect((await store.findToken({ userName: 'late@example.com:1' }))?.id).toBe('11');
    await expect(
      adminPool().query(
        `INSERT INTO ?? (id, user_name, access_token) VALUES ('12', 'late@example.com:1', 'x')`,
        [table],
      ),
    ).rejects.toMatchObject({ errno: 1062 });
  });

  it('several stores opening one legacy table at once migrate it once and all find its tokens', async () => {
    const table = await legacyTable();
    const before = await zohoRows(table);
    const found = await Promise.all(
      Array.from({ length: 5 }, (_, i) => open(table).findTokenById(String(i + 1))),
    );
    expect(found.map((t) => t?.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(await zohoRows(table)).toEqual(before);
  });

  it('legacy rows that share a user name: init fails with CORRUPT, changes nothing, and is retried', async () => {
    const table = await legacyTable();
    await adminPool().query('UPDATE ?? SET user_name = ? WHERE id = ?', [
      table,
      'user1@example.com:60001',
      '2',
    ]);
    const before = await zohoRows(table);
    const store = open(table);
    const failure = await store.getTokens().catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'TokenStoreError', code: 'CORRUPT' });
    expect((failure as Error).message).toContain('user_name');
    expect(await zohoRows(table)).toEqual(before);
    const [hashColumns] = await adminPool().query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME LIKE '%sha256'`,
      [table],
    );
    expect(Number(hashColumns[0]!['n'])).toBe(0);
    // The owner resolves the duplicate; the same store instance migrates on its next call.
    await adminPool().query('UPDATE ?? SET user_name = ? WHERE id = ?', [
      table,
      'user2@example.com:60002',
      '2',
    ]);
    expect(await store.getTokens()).toHaveLength(10);
  });

  it("a case-insensitive legacy table still tells 'Alice' from 'alice' and 'bob' from 'bob '", async () => {
    const table = randomTable('zoho');
    await createZohoTable(table, 'DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci');
    const store = open(table);
    const ids = [];
    for (const userName of ['Alice', 'alice', 'bob', 'bob ']) {
      ids.push((await store.saveToken({ userName, accessToken: `at-${userName}` })).id);
    }
    expect(new Set(ids).size).toBe(4);
    expect((await store.findToken({ userName: 'alice' }))?.accessToken).toBe('at-alice');
    expect((await store.findToken({ userName: 'bob ' }))?.accessToken).toBe('at-bob ');
    // Ids compare exactly too, though the id column's collation ignores case.
    const saved = await store.saveToken({ id: 'abc', userName: 'carol', accessToken: 'at-carol' });
    expect(await store.findTokenById('ABC')).toBeUndefined();
    await store.deleteToken('ABC');
    expect((await store.findTokenById(saved.id))?.userName).toBe('carol');
    const twin = await store
      .saveToken({ id: 'ABC', userName: 'dave', accessToken: 'at-dave' })
      .catch((e: unknown) => e);
    expect(twin).toMatchObject({ code: 'CONFLICT' });
  });
});
