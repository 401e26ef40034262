// A pool's result options (rowsAsArray, nestTables, a typeCast function, namedPlaceholders, big numbers as
// strings) are the caller's business: the store reads and writes the same on such a pool, its own
// (options extending PoolOptions) or the caller's, a Zoho table it migrates included.
import { suiteTitle } from '@tokens/testing';
import { createPool, type PoolOptions, type RowDataPacket } from 'mysql2/promise';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MySqlTokenStore } from '../src/index.js';
import { adminPool, createZohoTable, dropTables, randomTable, service } from './mysql-fixtures.js';

/** A typeCast a caller may use for their own queries: every string read upper-cased. */
const shouting: PoolOptions['typeCast'] = (_field, next) => {
  const value = next();
  return typeof value === 'string' ? value.toUpperCase() : value;
};

const SETTINGS: [string, PoolOptions][] = [
  ['rowsAsArray', { rowsAsArray: true }],
  ['nestTables', { nestTables: true }],
  ['a typeCast function', { typeCast: shouting }],
  ['namedPlaceholders', { namedPlaceholders: true }],
  ['big numbers as strings', { supportBigNumbers: true, bigNumberStrings: true }],
  ['all of them', { rowsAsArray: true, typeCast: shouting, namedPlaceholders: true, bigNumberStrings: true }],
];

/** Every operation, with results checked against what was saved. */
async function exercise(store: MySqlTokenStore): Promise<void> {
  const saved = await store.saveToken({
    userName: 'ada@example.com',
    refreshToken: 'rt-1',
    clientId: 'client',
    accessToken: 'at-1',
    expiresAt: 1_767_225_600_123,
  });
  await store.saveToken({ userName: 'ada@example.com', accessToken: 'at-2' });
  const expected = {
    id: saved.id,
    userName: 'ada@example.com',
    refreshToken: 'rt-1',
    clientId: 'client',
    accessToken: 'at-2',
    expiresAt: 1_767_225_600_123,
  };
  expect(await store.findToken({ userName: 'ada@example.com' })).toMatchObject(expected);
  expect(await store.findToken({ accessToken: 'at-2' })).toMatchObject(expected);
  expect(
    await store.findToken({ refreshToken: 'rt-1', clientId: 'client', clientSecret: 'secret' }),
  ).toMatchObject(expected);
  expect(await store.findTokenById(saved.id)).toMatchObject(expected);
  expect(await store.getTokens()).toEqual([expect.objectContaining(expected)]);
  await expect(store.saveToken({ userName: 'bob', accessToken: 'at-2' })).rejects.toMatchObject({
    code: 'CONFLICT',
  });
  expect(await store.locks.tryAcquire('refresh', 'worker-1', 30_000)).toBe(true);
  expect(await store.locks.tryAcquire('refresh', 'worker-2', 30_000)).toBe(false);
  expect(await store.locks.release('refresh', 'worker-1')).toBe(true);
  await store.deleteToken(saved.id);
  expect(await store.getTokens()).toEqual([]);
}

describe.skipIf(!service.url)(
  suiteTitle('MySqlTokenStore on pools with other result options', service),
  () => {
    /** A store on `table`, closed and its tables dropped when the test ends. */
    function storeOn(options: ConstructorParameters<typeof MySqlTokenStore>[0]): MySqlTokenStore {
      const store = new MySqlTokenStore(options);
      onTestFinished(async () => {
        await store.close();
        await dropTables(store);
      });
      return store;
    }

    for (const [name, settings] of SETTINGS) {
      it(`a caller's pool with ${name}`, async () => {
        const pool = createPool({ uri: service.url!, connectionLimit: 2, ...settings });
        onTestFinished(() => pool.end());
        await exercise(storeOn({ pool, table: randomTable() }));
        // The caller's own queries keep their settings.
        const [rows] = await pool.query('SELECT 1 AS one');
        expect(rows).toEqual(
          settings.rowsAsArray ? [[1]] : settings.nestTables ? [{ '': { one: 1 } }] : [{ one: 1 }],
        );
      });
    }

    it('options of the pool the store makes, with rowsAsArray and a typeCast function', async () => {
      await exercise(
        storeOn({ uri: service.url!, table: randomTable(), rowsAsArray: true, typeCast: shouting }),
      );
    });

    it('a Zoho SDK table migrated through a pool with rowsAsArray and big numbers as strings', async () => {
      const pool = createPool({
        uri: service.url!,
        rowsAsArray: true,
        supportBigNumbers: true,
        bigNumberStrings: true,
      });
      onTestFinished(() => pool.end());
      const table = randomTable('zoho');
      await createZohoTable(table);
      const store = storeOn({ pool, table });
      await exercise(store);
      const [keys] = await adminPool().query<RowDataPacket[]>(
        'SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0',
        [table],
      );
      expect(keys.map((k) => k['name'])).toContain('user_name_sha256');
    });
  },
);
