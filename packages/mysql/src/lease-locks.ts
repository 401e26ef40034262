// The lock capability on a lease table: one row per held key, its expiry on the server's clock.
import { assertLockHolder, assertLockKey, type TokenLocks } from '@tokens/core';
import type { ResultSetHeader } from 'mysql2/promise';
import type { ConnectionRunner } from './connection-runner.js';
import { isDuplicateKey } from './mysql-errors.js';
import { statement } from './statement.js';
import type { TableSql } from './table-sql.js';

/**
 * `run` is the store's StoreOperations.run (closed state, error wrapping); `ready` waits for the tables.
 * tryAcquire is an INSERT (the key is free) or, when the key's row exists, a conditional UPDATE that takes
 * it only from an expired lease or renews our own. Each statement is atomic, so two holders can never both
 * succeed. (A single INSERT ... ON DUPLICATE KEY UPDATE cannot tell "inserted" from "left alone" when the
 * connection has the FOUND_ROWS flag, mysql2's default: both report one affected row.)
 */
export function leaseLocks(
  run: <T>(operation: string, fn: () => Promise<T>) => Promise<T>,
  ready: () => Promise<unknown>,
  runner: ConnectionRunner,
  sql: TableSql,
): TokenLocks {
  return {
    tryAcquire: (key, holder, ttlMs) =>
      run('lock', async () => {
        assertLockKey(key, ttlMs);
        assertLockHolder(holder);
        await ready();
        // Repeating after a lost connection is safe: a holder taking its own lease again renews it.
        return runner.retryingLocks(async (conn) => {
          try {
            await conn.execute(statement(conn, sql.leaseInsert), [key, holder, ttlMs]);
            return true;
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
          }
          const [result] = await conn.execute<ResultSetHeader>(statement(conn, sql.leaseTakeOver), [
            holder,
            ttlMs,
            key,
            holder,
          ]);
          return result.affectedRows === 1;
        });
      }),
    release: (key, holder) =>
      run('unlock', async () => {
        assertLockKey(key, 1);
        assertLockHolder(holder);
        await ready();
        return runner.retryingLocks(async (conn, attempt) => {
          // A DELETE whose reply was lost may have happened: not repeated, so `false` is never a lie.
          attempt.mayHaveCommitted = true;
          const [result] = await conn.execute<ResultSetHeader>(statement(conn, sql.leaseRelease), [
            key,
            holder,
          ]);
          return result.affectedRows === 1;
        });
      }),
  };
}
