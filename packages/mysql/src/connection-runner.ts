// Runs the store's statements on pooled connections. A connection that turns out dead (killed, server
// restarted) is destroyed and the work is run again on a fresh one, as long as nothing it did may have
// been committed; transactions are repeated after deadlocks and lock wait timeouts, a bounded number of
// times.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { isConnectionLost, isTransientLockError, wasNeverSent } from './mysql-errors.js';

/** Tries on fresh connections after a lost one: enough to get past the dead idle connections of a pool. */
const CONNECTION_ATTEMPTS = 3;
/** Runs of one transaction after deadlocks, lock wait timeouts and racing inserts. */
const TRANSACTION_ATTEMPTS = 12;

/** Thrown inside a transaction to roll it back and run it again (a racing insert of the same token). */
export class RetryTransaction extends Error {}

export interface Attempt {
  /** Set once a statement whose effect may be kept was sent: a lost connection then cannot be retried. */
  mayHaveCommitted: boolean;
}

export class ConnectionRunner {
  constructor(
    readonly pool: Pool,
    /** Whether each transaction sets READ COMMITTED itself (a caller's pool, whose sessions we leave alone). */
    private readonly isolationPerTransaction: boolean,
  ) {}

  /** Runs `fn` on one connection; on a lost connection retries while `attempt.mayHaveCommitted` is unset. */
  async withConnection<T>(fn: (conn: PoolConnection, attempt: Attempt) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      const attempt: Attempt = { mayHaveCommitted: false };
      let conn: PoolConnection | undefined;
      try {
        conn = await this.pool.getConnection();
        const result = await fn(conn, attempt);
        conn.release();
        return result;
      } catch (error) {
        const lost = isConnectionLost(error);
        if (lost) conn?.destroy();
        else conn?.release();
        const safe = !attempt.mayHaveCommitted || wasNeverSent(error);
        if (!lost || !safe || n >= CONNECTION_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Runs `fn` in a READ COMMITTED transaction and commits. READ COMMITTED takes no gap locks, so two
   * transactions inserting different tokens do not deadlock each other; a racing insert of the same
   * unique value fails on the unique index instead, and `fn` decides whether to retry or refuse.
   */
  async transaction<T>(fn: (conn: PoolConnection) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await this.withConnection(async (conn, attempt) => {
          if (this.isolationPerTransaction)
            await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
          await conn.query('START TRANSACTION');
          let result: T;
          try {
            result = await fn(conn);
          } catch (error) {
            await conn.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
          attempt.mayHaveCommitted = true;
          await conn.query('COMMIT');
          return result;
        });
      } catch (error) {
        const again = error instanceof RetryTransaction || isTransientLockError(error);
        if (!again || n >= TRANSACTION_ATTEMPTS) throw error;
        // Jittered, growing pause so that transactions that collided do not collide again in step.
        await sleep(Math.random() * Math.min(2 ** n, 50));
      }
    }
  }

  /** Repeats a single statement's work after a deadlock or lock wait timeout. */
  async retryingLocks<T>(fn: (conn: PoolConnection, attempt: Attempt) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await this.withConnection(fn);
      } catch (error) {
        if (!isTransientLockError(error) || n >= TRANSACTION_ATTEMPTS) throw error;
        await sleep(Math.random() * Math.min(2 ** n, 50));
      }
    }
  }
}
