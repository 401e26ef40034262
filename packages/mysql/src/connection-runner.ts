// Runs the store's statements on pooled connections. A connection that turns out dead (killed, server
// restarted) is destroyed and the work is run again on a fresh one, as long as nothing it did may have
// been committed; transactions are repeated after deadlocks (a bounded number of times) and after one lock
// wait timeout (once: each already waited innodb_lock_wait_timeout, see `lockWaitTimeoutSeconds`).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { isConnectionLost, isDeadlock, isLockWaitTimeout, wasNeverSent } from './mysql-errors.js';

/** Tries on fresh connections after a lost one: enough to get past the dead idle connections of a pool. */
const CONNECTION_ATTEMPTS = 3;
/** Runs of one operation after deadlocks and racing inserts, which the server reports at once. */
const TRANSACTION_ATTEMPTS = 12;
/**
 * Runs again after a lock wait timeout. Each one has already blocked the caller for innodb_lock_wait_timeout
 * (MySQL's default 50 s), so one more wait is the most a save may add before it reports UNAVAILABLE: at
 * worst about twice that timeout, not TRANSACTION_ATTEMPTS times.
 */
export const LOCK_WAIT_RETRIES = 1;

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
  transaction<T>(fn: (conn: PoolConnection) => Promise<T>): Promise<T> {
    return this.#retrying(
      () =>
        this.withConnection(async (conn, attempt) => {
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
        }),
      (error) => error instanceof RetryTransaction,
    );
  }

  /** Repeats a single statement's work after a deadlock or (once) a lock wait timeout. */
  retryingLocks<T>(fn: (conn: PoolConnection, attempt: Attempt) => Promise<T>): Promise<T> {
    return this.#retrying(
      () => this.withConnection(fn),
      () => false,
    );
  }

  /**
   * Runs `run` again after a deadlock or an error `retryable` accepts, up to TRANSACTION_ATTEMPTS runs in
   * all, and after a lock wait timeout at most LOCK_WAIT_RETRIES times.
   */
  async #retrying<T>(run: () => Promise<T>, retryable: (error: unknown) => boolean): Promise<T> {
    let lockWaits = 0;
    for (let n = 1; ; n++) {
      try {
        return await run();
      } catch (error) {
        if (n >= TRANSACTION_ATTEMPTS) throw error;
        if (isLockWaitTimeout(error)) {
          if (++lockWaits > LOCK_WAIT_RETRIES) throw error;
        } else if (!isDeadlock(error) && !retryable(error)) {
          throw error;
        }
        // Jittered, growing pause so that transactions that collided do not collide again in step.
        await sleep(Math.random() * Math.min(2 ** n, 50));
      }
    }
  }
}
