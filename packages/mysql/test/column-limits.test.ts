// A value longer than its column (or in characters its charset lacks) is refused with INVALID_TOKEN before
// anything is written, even on a session with sql_mode='' where the server itself would truncate silently.
import { suiteTitle } from '@tokens/testing';
import { createPool, type Pool } from 'mysql2/promise';
import { afterEach, describe, expect, it } from 'vitest';
import { MySqlTokenStore } from '../src/index.js';
import { createZohoTable, dropTables, randomTable, rawRows, service } from './mysql-fixtures.js';

/** A pool whose every session runs with sql_mode='' (no STRICT_*: over-long values are cut, with a warning). */
function laxPool(): Pool {
  const pool = createPool({ uri: service.url!, connectionLimit: 2 });
  pool.on('connection', (conn) => {
    (conn as unknown as { query(sql: string, done: () => void): void }).query(
      "SET SESSION sql_mode = ''",
      () => {},
    );
  });
  return pool;
}

describe.skipIf(!service.url)(suiteTitle('MySqlTokenStore column limits', service), () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function laxStoreOnZohoTable(charset = '') {
    const table = randomTable('zoho');
    await createZohoTable(table, charset);
    const pool = laxPool();
    const store = new MySqlTokenStore({ pool, table });
    cleanup.push(
      () => pool.end(),
      () => store.close(),
      () => dropTables(store),
    );
    return { store, pool, table };
  }

  it("the session really truncates: a plain INSERT with sql_mode='' cuts a 300-character value", async () => {
    const { pool, table } = await laxStoreOnZohoTable();
    await pool.query('INSERT INTO ?? (id, user_name) VALUES (?, ?)', [table, 'x', 'u'.repeat(300)]);
    const [row] = await rawRows(table);
    expect(String(row!['user_name'])).toHaveLength(255);
  });

  it("over-long values are refused with INVALID_TOKEN under sql_mode='', and nothing is written", async () => {
    const { store, table } = await laxStoreOnZohoTable();
    const kept = await store.saveToken({ userName: 'kept', accessToken: 'at-kept' });
    const before = await rawRows(table);
    const attempts = [
      { userName: 'u'.repeat(256), accessToken: 'at' },
      { userName: 'kept', accessToken: 'a'.repeat(256) },
      { userName: 'kept', redirectUrl: 'é'.repeat(256) },
      { id: 'elevenchars', userName: 'new', accessToken: 'at-new' },
    ];
    for (const token of attempts) {
      const error = await store.saveToken(token).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TokenStoreError', code: 'INVALID_TOKEN' });
      expect((error as Error).message).toMatch(/column holds \(\d+ characters\)/);
    }
    expect(await rawRows(table)).toEqual(before);
    expect({ ...(await store.findTokenById(kept.id)) }).toEqual({ ...kept });
  });

  it('values that fit exactly are stored whole: 255 characters, multi-byte and emoji included', async () => {
    const { store } = await laxStoreOnZohoTable('DEFAULT CHARSET=utf8mb4');
    const token = { userName: 'é'.repeat(255), accessToken: '🔑'.repeat(255), refreshToken: 'r'.repeat(255) };
    const saved = await store.saveToken(token);
    expect({ ...(await store.findTokenById(saved.id)) }).toEqual({ ...token, id: saved.id });
  });

  it('a latin1 table refuses characters latin1 cannot hold instead of storing "?"', async () => {
    const { store, table } = await laxStoreOnZohoTable('DEFAULT CHARSET=latin1');
    const saved = await store.saveToken({ userName: 'café', accessToken: 'at-1' });
    expect((await store.findTokenById(saved.id))?.userName).toBe('café');
    const error = await store
      .saveToken({ userName: 'emoji 🔑', accessToken: 'at-2' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_TOKEN' });
    expect((error as Error).message).toContain('character set');
    expect(await rawRows(table)).toHaveLength(1);
  });

  it('a table the store creates holds 16 KiB values in every string field', async () => {
    const table = randomTable();
    const store = new MySqlTokenStore({ uri: service.url!, table });
    cleanup.push(
      () => store.close(),
      () => dropTables(store),
    );
    const big = (seed: string) => `${seed}:${'x'.repeat(16 * 1024 - seed.length - 1)}`;
    const token = {
      userName: big('u'),
      clientId: big('c'),
      clientSecret: big('s'),
      accessToken: big('a'),
      refreshToken: big('r'),
      grantToken: big('g'),
      redirectUrl: big('https://example.com/'),
      apiDomain: big('d'),
    };
    const saved = await store.saveToken(token);
    expect({ ...(await store.findTokenById(saved.id)) }).toEqual({ ...token, id: saved.id });
    expect((await store.findToken({ userName: token.userName }))?.id).toBe(saved.id);
  });
});
