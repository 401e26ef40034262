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
}

export interface ResolvedOptions {
  pool: Pool;
  ownsPool: boolean;
  table: string;
  leaseTable: string;
}

const STORE = 'MySqlTokenStore';

export function resolveOptions(options: MySqlTokenStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TokenStoreError('INVALID_ARGUMENT', 'options must be an object', {
      operation: 'constructor',
      store: STORE,
    });
  }
  const { pool, table = 'oauthtoken', leaseTable, ...poolOptions } = options;
  assertSqlIdentifier(table, 'table', STORE);
  const leases = assertSqlIdentifier(
    leaseTable ?? `${table}_leases`,
    leaseTable ? 'leaseTable' : 'table (+ "_leases")',
    STORE,
  );
  if (pool) {
    // mysql2's callback pool has promise(); its promise pool has none.
    const promisePool =
      'promise' in pool && typeof pool.promise === 'function' ? pool.promise() : (pool as Pool);
    return { pool: promisePool, ownsPool: false, table, leaseTable: leases };
  }
  try {
    return { pool: createPool(poolOptions), ownsPool: true, table, leaseTable: leases };
  } catch (error) {
    // mysql2 refuses a malformed uri here; its message may carry the password, so it is not kept.
    throw new TokenStoreError(
      'INVALID_ARGUMENT',
      `the connection options were refused (${(error as Error).name})`,
      {
        operation: 'constructor',
        store: STORE,
      },
    );
  }
}
