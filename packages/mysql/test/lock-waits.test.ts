// A save that waits on a row another session holds past innodb_lock_wait_timeout (error 1205) is run again,
// a bounded number of times, instead of failing: here the other session lets go after 1.5 lock-wait timeouts.
import { setTimeout as sleep } from 'node:timers/promises';
import { suiteTitle } from '@tokens/testing';
import { createPool } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { MySqlTokenStore } from '../src/index.js';
import { adminPool, dropTables, randomTable, service } from './mysql-fixtures.js';

describe.skipIf(!service.url)(suiteTitle('MySqlTokenStore lock waits', service), () => {
  it('a save outlasting one lock wait timeout is retried and succeeds', { timeout: 20_000 }, async () => {
    const pool = createPool({ uri: service.url!, connectionLimit: 2 });
    pool.on('connection', (conn) => {
      (conn as unknown as { query(sql: string, done: () => void): void }).query(
        'SET SESSION innodb_lock_wait_timeout = 1',
        () => {},
      );
    });
    const store = new MySqlTokenStore({ pool, table: randomTable() });
    const holder = await adminPool().getConnection();
    try {
      const saved = await store.saveToken({ userName: 'busy', accessToken: 'at-0' });
      await holder.query('START TRANSACTION');
      await holder.query('SELECT id FROM ?? WHERE id = ? FOR UPDATE', [store.table, saved.id]);
      const pending = store.saveToken({ userName: 'busy', accessToken: 'at-1' });
      await sleep(1500);
      await holder.query('COMMIT');
      expect(await pending).toMatchObject({ id: saved.id, accessToken: 'at-1' });
    } finally {
      holder.release();
      await store.close();
      await dropTables(store);
      await pool.end();
    }
  });
});
