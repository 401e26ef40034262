// Rows another session holds: a save (or a lease take) that waits past innodb_lock_wait_timeout (error
// 1205) is run again once, not more, so a caller is blocked about two lock-wait timeouts at worst; the
// store's own sessions use `lockWaitTimeoutSeconds` (default 10) instead of the server's 50 s.
import { setTimeout as sleep } from 'node:timers/promises';
import { suiteTitle } from '@tokens/testing';
import { createPool, type PoolConnection, type RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { MySqlTokenStore } from '../src/index.js';
import { adminPool, dropTables, newStore, randomTable, service } from './mysql-fixtures.js';

/** What `promise` settles to (its value or its rejection), or 'still waiting' if `ms` pass first. */
const settledWithin = <T>(promise: Promise<T>, ms: number): Promise<unknown> =>
  Promise.race([
    promise.then(
      (value) => value,
      (error: unknown) => error,
    ),
    sleep(ms).then(() => 'still waiting'),
  ]);

/** An admin transaction holding the rows `sql` selects FOR UPDATE, until COMMIT. */
async function holdRows(sql: string, values: unknown[]): Promise<PoolConnection> {
  const holder = await adminPool().getConnection();
  await holder.query('START TRANSACTION');
  await holder.query(sql, values);
  return holder;
}

describe('MySqlTokenStore lockWaitTimeoutSeconds, without a server', () => {
  it('is a whole number of seconds from 1 to 3600, and not given with a pool of your own', () => {
    for (const lockWaitTimeoutSeconds of [0, -1, 1.5, 3601, Number.NaN, '5']) {
      expect(() => new MySqlTokenStore({ lockWaitTimeoutSeconds: lockWaitTimeoutSeconds as number })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/lockWait/) }),
      );
    }
    const pool = createPool({});
    expect(() => new MySqlTokenStore({ pool, lockWaitTimeoutSeconds: 5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/your own pool/) }),
    );
    expect(new MySqlTokenStore({ lockWaitTimeoutSeconds: 1 }).table).toBe('oauthtoken');
    expect(new MySqlTokenStore({ lockWaitTimeoutSeconds: 3600 }).table).toBe('oauthtoken');
  });
});

describe.skipIf(!service.url)(suiteTitle('MySqlTokenStore lock waits', service), () => {
  it("the store's own sessions wait lockWaitTimeoutSeconds for a held row: 10 s unless told", async () => {
    const stores = [newStore(), newStore({ lockWaitTimeoutSeconds: 3 })];
    try {
      const timeouts = [];
      for (const store of stores) {
        const [[row]] = await store.pool.query<RowDataPacket[]>(
          'SELECT @@SESSION.innodb_lock_wait_timeout AS timeout',
        );
        timeouts.push(Number(row?.['timeout']));
      }
      expect(timeouts).toEqual([10, 3]);
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it('a save outlasting one lock wait timeout is run again once and succeeds', {
    timeout: 20_000,
  }, async () => {
    // A caller's pool whose sessions wait 1 s; the store leaves its settings alone.
    const pool = createPool({ uri: service.url!, connectionLimit: 2 });
    pool.on('connection', (conn) => {
      (conn as unknown as { query(sql: string, done: () => void): void }).query(
        'SET SESSION innodb_lock_wait_timeout = 1',
        () => {},
      );
    });
    const store = new MySqlTokenStore({ pool, table: randomTable() });
    let holder: PoolConnection | undefined;
    try {
      const saved = await store.saveToken({ userName: 'busy', accessToken: 'at-0' });
      holder = await holdRows('SELECT id FROM ?? WHERE id = ? FOR UPDATE', [store.table, saved.id]);
      const pending = store.saveToken({ userName: 'busy', accessToken: 'at-1' });
      await sleep(1500); // the first run times out at 1 s, the second finds the row free at 1.5 s
      await holder.query('COMMIT');
      expect(await pending).toMatchObject({ id: saved.id, accessToken: 'at-1' });
    } finally {
      await holder?.query('ROLLBACK');
      holder?.release();
      await store.close();
      await dropTables(store);
      await pool.end();
    }
  });

  it('a save or lease take blocked past two lock wait timeouts is UNAVAILABLE, not retried on', {
    timeout: 20_000,
  }, async () => {
    // Each run waits 1 s. With one retry both calls give up after about 2 s; the rows stay held for 6 s,
    // so a store that kept retrying would still be waiting then (and succeed once they are free).
    const store = newStore({ lockWaitTimeoutSeconds: 1 });
    const holders: PoolConnection[] = [];
    try {
      const saved = await store.saveToken({ userName: 'busy', accessToken: 'at-0' });
      expect(await store.locks.tryAcquire('refresh', 'worker-1', 1)).toBe(true);
      await sleep(5); // expired: the next take is an UPDATE of the lease row, which waits for its lock
      holders.push(await holdRows('SELECT id FROM ?? WHERE id = ? FOR UPDATE', [store.table, saved.id]));
      holders.push(
        await holdRows('SELECT lock_key FROM ?? WHERE lock_key = ? FOR UPDATE', [
          store.leaseTable,
          'refresh',
        ]),
      );
      const [save, take] = await Promise.all([
        settledWithin(store.saveToken({ userName: 'busy', accessToken: 'at-1' }), 6000),
        settledWithin(store.locks.tryAcquire('refresh', 'worker-2', 30_000), 6000),
      ]);
      expect(save).toMatchObject({ name: 'TokenStoreError', code: 'UNAVAILABLE', operation: 'saveToken' });
      expect(take).toMatchObject({ name: 'TokenStoreError', code: 'UNAVAILABLE', operation: 'lock' });
      for (const holder of holders) await holder.query('COMMIT');
      expect((await store.findToken({ userName: 'busy' }))?.accessToken).toBe('at-0');
      expect(await store.locks.tryAcquire('refresh', 'worker-2', 30_000)).toBe(true);
    } finally {
      for (const holder of holders) {
        await holder.query('ROLLBACK'); // lets a store that is still waiting finish
        holder.release();
      }
      await store.close();
      await dropTables(store);
    }
  });
});
