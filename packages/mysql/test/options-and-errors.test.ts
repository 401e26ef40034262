// Options (table names, a pool the caller owns) and how failures surface: codes a caller can act on,
// messages without passwords or token values, and a failed start that the next call retries.
import { inspect } from 'node:util';
import { suiteTitle } from '@tokens/testing';
import mysql from 'mysql2';
import { createPool } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { classifyMySqlError, MySqlTokenStore } from '../src/index.js';
import { adminPool, dropTables, randomTable, service } from './mysql-fixtures.js';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

describe('MySqlTokenStore options, without a server', () => {
  it('table and leaseTable must be SQL identifiers; the derived lease name must fit 64 characters', () => {
    for (const table of ['', 'a-b', 'x; DROP TABLE y', '`t`', 'a'.repeat(65), 5]) {
      expect(() => new MySqlTokenStore({ table: table as string })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    expect(() => new MySqlTokenStore({ table: 'a'.repeat(60) })).toThrow(/leases/);
    expect(() => new MySqlTokenStore({ table: 't', leaseTable: 'l-1' })).toThrow(/leaseTable/);
    const store = new MySqlTokenStore({ table: 'a'.repeat(60), leaseTable: 'leases' });
    expect([store.table, store.leaseTable]).toEqual(['a'.repeat(60), 'leases']);
    expect(new MySqlTokenStore().table).toBe('oauthtoken');
    expect(new MySqlTokenStore().leaseTable).toBe('oauthtoken_leases');
  });

  it('a malformed uri is INVALID_ARGUMENT and its password is not repeated', () => {
    const error = (() => {
      try {
        new MySqlTokenStore({ uri: 'mysql://root:SECRET-pw@[bad' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(inspect(error)).not.toContain('SECRET');
  });

  it('an unreachable server is UNAVAILABLE, without the password', async () => {
    const store = new MySqlTokenStore({
      uri: 'mysql://root:SECRET-pw@127.0.0.1:1/test',
      connectTimeout: 2000,
    });
    const error = await store.getTokens().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TokenStoreError', code: 'UNAVAILABLE', operation: 'getTokens' });
    expect(inspect(error, { depth: 5 }) + JSON.stringify(error)).not.toContain('SECRET');
    await store.close();
  });

  it('driver errors are classified: connection loss and overload UNAVAILABLE, duplicates CONFLICT, the rest BACKEND', () => {
    const cases: [object, string][] = [
      [{ code: 'ECONNREFUSED' }, 'UNAVAILABLE'],
      [{ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'UNAVAILABLE'],
      [{ code: 'ETIMEDOUT' }, 'UNAVAILABLE'],
      [{ code: 'ER_CON_COUNT_ERROR', errno: 1040 }, 'UNAVAILABLE'],
      [{ code: 'ER_SERVER_SHUTDOWN', errno: 1053 }, 'UNAVAILABLE'],
      [{ code: 'ER_CONNECTION_KILLED', errno: 1927 }, 'UNAVAILABLE'],
      [{ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }, 'UNAVAILABLE'],
      [{ code: 'ER_DUP_ENTRY', errno: 1062 }, 'CONFLICT'],
      [{ code: 'ER_LOCK_DEADLOCK', errno: 1213 }, 'BACKEND'],
      [{ code: 'ER_NO_SUCH_TABLE', errno: 1146 }, 'BACKEND'],
      [new Error('something else'), 'BACKEND'],
    ];
    for (const [error, code] of cases) expect([error, classifyMySqlError(error)]).toEqual([error, code]);
  });
});

describe.skipIf(!service.url)(suiteTitle('MySqlTokenStore options, with a server', service), () => {
  it('a pool the caller owns is used and left open by close(); a callback pool works too', async () => {
    const table = randomTable();
    const pool = createPool({ uri: service.url!, connectionLimit: 2 });
    const callbackPool = mysql.createPool({ uri: service.url!, connectionLimit: 2 });
    try {
      const store = new MySqlTokenStore({ pool, table });
      expect(store.pool).toBe(pool);
      const saved = await store.saveToken({ userName: 'u', accessToken: 'at' });
      await store.close();
      expect(await codeOf(store.getTokens())).toBe('CLOSED');
      const [rows] = await pool.query('SELECT id FROM ??', [table]);
      expect(rows).toEqual([{ id: saved.id }]);
      const other = new MySqlTokenStore({ pool: callbackPool, table });
      expect((await other.findToken({ userName: 'u' }))?.id).toBe(saved.id);
      await other.close();
      await new Promise<void>((resolve, reject) =>
        callbackPool.query('SELECT 1', (error) => (error ? reject(error) : resolve())),
      );
      await dropTables(store);
    } finally {
      await pool.end();
      await new Promise((resolve) => callbackPool.end(resolve));
    }
  });

  it('a uri without a database is INVALID_ARGUMENT', async () => {
    const url = new URL(service.url!);
    url.pathname = '';
    const store = new MySqlTokenStore({ uri: url.toString(), table: randomTable() });
    expect(await codeOf(store.getTokens())).toBe('INVALID_ARGUMENT');
    await store.close();
  });

  it('stores starting together create or migrate a table once and all work', async () => {
    const table = randomTable();
    const stores = Array.from({ length: 6 }, () => new MySqlTokenStore({ uri: service.url!, table }));
    try {
      await Promise.all(stores.map((s, i) => s.saveToken({ userName: `u${i}`, accessToken: `at${i}` })));
      expect(await stores[0]!.getTokens()).toHaveLength(6);
      const [[{ comment }]] = (await adminPool().query(
        'SELECT TABLE_COMMENT AS comment FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
        [table],
      )) as unknown as [[{ comment: string }]];
      expect(comment).toBe('@tokens/mysql schema 1');
    } finally {
      for (const s of stores) await s.close();
      await dropTables(stores[0]!);
    }
  });

  it('a CONFLICT says which field, never the value the driver echoes', async () => {
    const table = randomTable();
    const store = new MySqlTokenStore({ uri: service.url!, table });
    try {
      await store.saveToken({ userName: 'owner', accessToken: 'SECRET-at', refreshToken: 'SECRET-rt' });
      const error = await store
        .saveToken({ userName: 'thief', accessToken: 'SECRET-at' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'CONFLICT' });
      expect((error as Error).message).toContain('accessToken');
      const byId = await store
        .saveToken({ id: 'SECRET-id', userName: 'owner', accessToken: 'SECRET-2' })
        .catch((e: unknown) => e);
      expect(byId).toMatchObject({ code: 'CONFLICT' });
      for (const e of [error, byId]) {
        expect(inspect(e, { depth: 5 }) + JSON.stringify(e) + String((e as Error).stack)).not.toContain(
          'SECRET',
        );
      }
    } finally {
      await store.close();
      await dropTables(store);
    }
  });
});
