// The lease table behind `locks`: expiry on the server's clock, renewal by the holder even within one
// millisecond, holders validated, and leases kept apart from tokens.
import { suiteTitle } from '@tokens/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterEach, describe, expect, it } from 'vitest';
import type { MySqlTokenStore } from '../src/index.js';
import { adminPool, dropTables, newStore, rawRows, service } from './mysql-fixtures.js';

describe.skipIf(!service.url)(suiteTitle('MySqlTokenStore leases', service), () => {
  const stores: MySqlTokenStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) {
      await store.close();
      await dropTables(store);
    }
  });
  const open = (options: Parameters<typeof newStore>[0] = {}) => {
    const store = newStore(options);
    stores.push(store);
    return store;
  };

  it("a lease's expiry is the server's clock plus the ttl", async () => {
    const store = open();
    expect(await store.locks.tryAcquire('refresh:user', 'holder-a', 60_000)).toBe(true);
    const [rows] = await adminPool().query<RowDataPacket[]>(
      `SELECT holder, expires_at - (TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000) AS remaining
         FROM ?? WHERE lock_key = ?`,
      [store.leaseTable, 'refresh:user'],
    );
    expect(String(rows[0]!['holder'])).toBe('holder-a');
    expect(Number(rows[0]!['remaining'])).toBeGreaterThan(55_000);
    expect(Number(rows[0]!['remaining'])).toBeLessThanOrEqual(60_000);
  });

  it('the holder renews its lease as often as it likes, even within one millisecond; others stay out', async () => {
    // Without FOUND_ROWS the server counts changed rows only: a renewal must still change the row.
    const store = open({ flags: ['-FOUND_ROWS'] });
    expect(await store.locks.tryAcquire('k', 'holder-a', 30_000)).toBe(true);
    // In parallel, many renewals land in the same millisecond and compute the same expiry.
    const renewals = Array.from({ length: 40 }, () => store.locks.tryAcquire('k', 'holder-a', 30_000));
    expect(await Promise.all(renewals)).toEqual(renewals.map(() => true));
    expect(await store.locks.tryAcquire('k', 'holder-b', 30_000)).toBe(false);
    // A shorter renewal shortens the lease: it then expires on its own.
    expect(await store.locks.tryAcquire('k', 'holder-a', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.locks.tryAcquire('k', 'holder-b', 30_000)).toBe(true);
  });

  it('holders are compared exactly and validated', async () => {
    const store = open();
    expect(await store.locks.tryAcquire('k', 'Holder', 30_000)).toBe(true);
    expect(await store.locks.tryAcquire('k', 'holder', 30_000)).toBe(false);
    expect(await store.locks.release('k', 'HOLDER')).toBe(false);
    // Core's rule for every store: 1-200 printable ASCII characters.
    expect(await store.locks.tryAcquire('k3', 'h'.repeat(200), 1000)).toBe(true);
    for (const holder of ['', 'h'.repeat(201), 'Holder ', 'a b', 'héllo', 42]) {
      const error = await store.locks.tryAcquire('k2', holder as string, 1000).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      const released = await store.locks.release('k', holder as string).catch((e: unknown) => e);
      expect(released).toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(await rawRows(store.leaseTable)).toHaveLength(2);
  });

  it('deleteTokens leaves leases alone, and leases never show up as tokens', async () => {
    const store = open();
    await store.saveToken({ userName: 'u', accessToken: 'at' });
    expect(await store.locks.tryAcquire('k', 'holder-a', 30_000)).toBe(true);
    await store.deleteTokens();
    expect(await store.getTokens()).toEqual([]);
    expect(await rawRows(store.leaseTable)).toHaveLength(1);
    expect(await store.locks.tryAcquire('k', 'holder-b', 30_000)).toBe(false);
  });
});
