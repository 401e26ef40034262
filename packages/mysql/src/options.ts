// The store's options, and the pool they lead to: the caller's own, or one the store makes and ends.
import { assertSqlIdentifier, TokenStoreError } from '@tokens/core';
import { createPool, type Pool, type PoolOptions } from 'mysql2/promise';

export interface MySqlTokenStoreOptions extends PoolOptions {
  /**
   * A mysql2 pool you own (from `mysql2/promise`, or `mysql2`'s callback pool). The store uses it and never
   * ends it. Default: a pool the store makes from the other options (`uri`, or `host`, `user`, ...), and
   * ends on close().
   */
  pool?: Pool | { promise(): Pool };
  /** The token table. Default `oauthtoken`, the Zoho SDK's. Created when missing. */
  table?: string;
  /** The lease table for locks. Default `<table>_leases`. Created when missing. */
  leaseTable?: string;
  /**
   * `innodb_lock_wait_timeout` of the store's own sessions, in whole seconds (1 to 3600): how long a
   * statement waits for a row another session holds before failing. A save waits at most twice this (one
   * retry) before rejecting with UNAVAILABLE. Default 10. Not with `pool`: your sessions keep their settings.
   */
  lockWaitTimeoutSeconds?: number;
}

export interface ResolvedOptions {
  pool: Pool;
  ownsPool: boolean;
  /** The session innodb_lock_wait_timeout for the pool the store makes; undefined with a caller's pool. */
  lockWaitTimeoutSeconds: number | undefined;
  table: string;
  leaseTable: string;
}

const STORE = 'MySqlTokenStore';
export const DEFAULT_LOCK_WAIT_TIMEOUT_SECONDS = 10;
const MAX_LOCK_WAIT_TIMEOUT_SECONDS = 3600;

const invalid = (message: string) =>
  new TokenStoreError('INVALID_ARGUMENT', message, { operation: 'constructor', store: STORE });

export function resolveOptions(options: MySqlTokenStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options must be an object');
  const { pool, table = 'oauthtoken', leaseTable, lockWaitTimeoutSeconds, ...poolOptions } = options;
  assertSqlIdentifier(table, 'table', STORE);
  const leases = assertSqlIdentifier(
    leaseTable ?? `${table}_leases`,
    leaseTable ? 'leaseTable' : 'table (+ "_leases")',
    STORE,
  );
  if (pool) {
    if (lockWaitTimeoutSeconds !== undefined) {
      // Silently ignoring it would leave the caller believing saves are bounded by it.
      throw invalid(
        'lockWaitTimeoutSeconds applies to the pool the store makes; with your own pool, set innodb_lock_wait_timeout in its sessions',
      );
    }
    // mysql2's callback pool has promise(); its promise pool has none.
    const promisePool =
      'promise' in pool && typeof pool.promise === 'function' ? pool.promise() : (pool as Pool);
    return {
      pool: promisePool,
      ownsPool: false,
      lockWaitTimeoutSeconds: undefined,
      table,
      leaseTable: leases,
    };
  }
  const lockWait = lockWaitTimeoutSeconds ?? DEFAULT_LOCK_WAIT_TIMEOUT_SECONDS;
  if (!Number.isInteger(lockWait) || lockWait < 1 || lockWait > MAX_LOCK_WAIT_TIMEOUT_SECONDS) {
    throw invalid(
      `lockWaitTimeoutSeconds must be a whole number of seconds from 1 to ${MAX_LOCK_WAIT_TIMEOUT_SECONDS}`,
    );
  }
  try {
    return {
      pool: createPool(poolOptions),
      ownsPool: true,
      lockWaitTimeoutSeconds: lockWait,
      table,
      leaseTable: leases,
    };
  } catch (error) {
    // mysql2 refuses a malformed uri here; its message may carry the password, so it is not kept.
    throw invalid(`the connection options were refused (${(error as Error).name})`);
  }
}
