// The server kills the store's connections (KILL from an admin session, as a failover or a DBA would):
// operations in flight either complete or reject with UNAVAILABLE, and the next ones succeed on the same
// store, which replaces its dead connections by itself.
import { suiteTitle } from '@tokens/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterEach, describe, expect, it } from 'vitest';
import type { MySqlTokenStore } from '../src/index.js';
import { adminPool, dropTables, newStore, service } from './mysql-fixtures.js';

/** A store whose connections' server thread ids are recorded as the pool opens them. */
function trackedStore(): { store: MySqlTokenStore; threads: Set<number> } {
  const store = newStore();
  const threads = new Set<number>();
  store.pool.on('connection', (conn) => threads.add(conn.threadId));
  return { store, threads };
}

async function kill(threads: Iterable<number>): Promise<void> {
  for (const id of threads) {
    // The thread may have ended already (its connection was idle-closed): that is fine.
    await adminPool()
      .query('KILL CONNECTION ?', [id])
      .catch((error: { errno?: number }) => {
        if (error.errno !== 1094) throw error; // 1094: unknown thread id
      });
  }
}

async function liveThreads(threads: Set<number>): Promise<number[]> {
  const [rows] = await adminPool().query<RowDataPacket[]>(
    'SELECT ID AS id FROM information_schema.PROCESSLIST',
  );
  return rows.map((r) => Number(r['id'])).filter((id) => threads.has(id));
}

describe.skipIf(!service.url)(
  suiteTitle('MySqlTokenStore when the server kills its connections', service),
  () => {
    const stores: MySqlTokenStore[] = [];
    afterEach(async () => {
      for (const store of stores.splice(0)) {
        await store.close();
        await dropTables(store);
      }
    });
    const tracked = () => {
      const t = trackedStore();
      stores.push(t.store);
      return t;
    };

    it('operations in flight complete or reject with UNAVAILABLE; the next ones succeed', async () => {
      const { store, threads } = tracked();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.saveToken({ userName: `warm${i}`, accessToken: `w${i}` })),
      );
      const before = new Set(threads);
      expect(before.size).toBeGreaterThan(1);
      const inFlight = Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          store.saveToken({ userName: `user${i}`, accessToken: `at${i}`, expiresAt: i }),
        ),
      );
      await kill(before);
      const settled = await inFlight;
      for (const result of settled) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'UNAVAILABLE' });
      }
      expect(await liveThreads(before)).toEqual([]);
      // The same store goes on, on new connections, and every save that resolved is there.
      const after = await store.saveToken({ userName: 'after', accessToken: 'at-after' });
      expect((await store.findToken({ userName: 'after' }))?.id).toBe(after.id);
      expect(await store.locks.tryAcquire('key', 'holder', 10_000)).toBe(true);
      const stored = new Set((await store.getTokens()).map((t) => t.userName));
      settled.forEach((result, i) => {
        if (result.status === 'fulfilled') expect(stored.has(`user${i}`)).toBe(true);
      });
      expect([...threads].filter((id) => !before.has(id)).length).toBeGreaterThan(0);
    });

    it('idle connections killed while nobody looks do not fail the next operations', async () => {
      const { store, threads } = tracked();
      await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.saveToken({ userName: `u${i}`, accessToken: `a${i}` })),
      );
      const idle = new Set(threads);
      await kill(idle);
      const results = await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => store.findToken({ userName: `u${i}` })),
        store.getTokens(),
        store.findTokenById('missing'),
        store.deleteToken('missing'),
        store.locks.release('key', 'nobody'),
      ]);
      expect(results.slice(0, 8).map((t) => (t as { userName?: string } | undefined)?.userName)).toEqual(
        Array.from({ length: 8 }, (_, i) => `u${i}`),
      );
      expect(results[8]).toHaveLength(8);
    });

    it('a save whose connection is killed while it waits for a row lock is run again and succeeds', async () => {
      const { store, threads } = tracked();
      const saved = await store.saveToken({ userName: 'locked', accessToken: 'at-0', expiresAt: 0 });
      // An admin transaction holds the row, so the store's save waits in SELECT ... FOR UPDATE.
      const holder = await adminPool().getConnection();
      try {
        await holder.query('START TRANSACTION');
        await holder.query('SELECT id FROM ?? WHERE id = ? FOR UPDATE', [store.table, saved.id]);
        const pending = store.saveToken({ userName: 'locked', accessToken: 'at-1', expiresAt: 1 });
        let waiting: number[] = [];
        for (let polls = 0; waiting.length === 0; polls++) {
          if (polls > 0) await new Promise((resolve) => setTimeout(resolve, 5));
          const [rows] = await adminPool().query<RowDataPacket[]>(
            "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT%FOR UPDATE'",
          );
          waiting = rows.map((r) => Number(r['id'])).filter((id) => threads.has(id));
        }
        await kill(waiting);
        await holder.query('COMMIT');
        expect(await pending).toMatchObject({ id: saved.id, accessToken: 'at-1', expiresAt: 1 });
      } finally {
        holder.release();
      }
      expect((await store.findToken({ userName: 'locked' }))?.accessToken).toBe('at-1');
    });
  },
);
