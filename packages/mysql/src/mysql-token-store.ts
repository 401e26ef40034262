// MySqlTokenStore: tokens in a MySQL 8 / MariaDB 10.11+ table with the Zoho SDK's column names. The
// identity rules, merging and validation come from @tokens/core; the SQL lives in table-sql.ts.
import {
  assertTokenId,
  identityOf,
  type LockingTokenStore,
  matchesIdentity,
  normalizeToken,
  type OAuthToken,
  protectToken,
  type StoredToken,
  StoreOperations,
  saveIdentity,
  secretsOf,
  type TokenLocks,
} from '@tokens/core';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { assertFits, type ColumnLimits } from './column-limits.js';
import { ConnectionRunner } from './connection-runner.js';
import { leaseLocks } from './lease-locks.js';
import { classifyMySqlError } from './mysql-errors.js';
import { type MySqlTokenStoreOptions, resolveOptions } from './options.js';
import { rowsToTokens } from './rows.js';
import { saveInTransaction } from './save-token.js';
import { prepareTables } from './schema.js';
import { statement } from './statement.js';
import { type LookupKey, type TableSql, tableSql } from './table-sql.js';

export class MySqlTokenStore implements LockingTokenStore {
  /** The token table. */
  readonly table: string;
  /** The lease table of `locks`. */
  readonly leaseTable: string;
  /** The mysql2 promise pool the store runs on (yours when you passed `pool`). */
  readonly pool: Pool;
  readonly locks: TokenLocks;
  readonly #ops = new StoreOperations('MySqlTokenStore', classifyMySqlError);
  readonly #ownsPool: boolean;
  readonly #runner: ConnectionRunner;
  readonly #sql: TableSql;
  #ready: Promise<ColumnLimits> | undefined;

  constructor(options: MySqlTokenStoreOptions = {}) {
    const resolved = resolveOptions(options);
    this.table = resolved.table;
    this.leaseTable = resolved.leaseTable;
    this.pool = resolved.pool;
    this.#ownsPool = resolved.ownsPool;
    const lockWait = resolved.lockWaitTimeoutSeconds;
    if (this.#ownsPool && lockWait !== undefined) {
      // Our own connections are READ COMMITTED for their whole life (see ConnectionRunner.transaction),
      // and wait `lockWaitTimeoutSeconds` for a held row rather than the server's 50 s default; the queries
      // are queued before the connection is handed to its first user.
      // mysql2 passes the callback-style connection to this event (its typings say otherwise).
      this.pool.on('connection', (conn) => {
        const core = conn as unknown as {
          query(sql: string, values: unknown[], done: () => void): void;
        };
        core.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', [], () => undefined);
        core.query('SET SESSION innodb_lock_wait_timeout = ?', [lockWait], () => undefined);
      });
    }
    this.#runner = new ConnectionRunner(this.pool, !this.#ownsPool);
    this.#sql = tableSql(this.table, this.leaseTable);
    this.locks = leaseLocks(
      (operation, fn) => this.#ops.run(operation, fn),
      () => this.#tables(),
      this.#runner,
      this.#sql,
    );
  }

  /** Creates or migrates the tables once; a failed attempt is forgotten so the next call tries again. */
  #tables(): Promise<ColumnLimits> {
    this.#ready ??= this.#runner
      .withConnection((conn) => prepareTables(conn, this.table, this.leaseTable))
      .catch((error: unknown) => {
        this.#ready = undefined;
        throw error;
      });
    return this.#ready;
  }

  async #select(
    key: LookupKey | 'all',
    value: string | undefined,
    operation: string,
  ): Promise<StoredToken[]> {
    await this.#tables();
    const sql = key === 'all' ? this.#sql.selectAll : this.#sql.select[key];
    const [rows] = await this.#runner.withConnection((conn) =>
      conn.execute<RowDataPacket[]>(statement(conn, sql), value === undefined ? [] : [value]),
    );
    return rowsToTokens(rows, operation);
  }

  findToken(query: OAuthToken): Promise<StoredToken | undefined> {
    return this.#ops.run(
      'findToken',
      async () => {
        const identity = identityOf(normalizeToken(query, 'findToken'));
        if (!identity) return undefined;
        const found = (await this.#select(identity.by, identity.value, 'findToken')).find((t) =>
          matchesIdentity(t, identity),
        );
        return found && protectToken(found);
      },
      secretsOf(query),
    );
  }

  findTokenById(id: string): Promise<StoredToken | undefined> {
    return this.#ops.run('findTokenById', async () => {
      assertTokenId(id, 'findTokenById');
      // The exact comparison matters on a legacy case-insensitive id column.
      const found = (await this.#select('id', id, 'findTokenById')).find((t) => t.id === id);
      return found && protectToken(found);
    });
  }

  saveToken(token: OAuthToken): Promise<StoredToken> {
    return this.#ops.run(
      'saveToken',
      async () => {
        const incoming = normalizeToken(token, 'saveToken');
        const identity = saveIdentity(incoming);
        const limits = await this.#tables();
        assertFits(incoming, limits, 'saveToken');
        const saved = await this.#runner.transaction((conn) =>
          saveInTransaction(conn, this.#sql, incoming, identity, limits),
        );
        return protectToken(saved);
      },
      secretsOf(token),
    );
  }

  deleteToken(id: string): Promise<void> {
    return this.#ops.run('deleteToken', async () => {
      assertTokenId(id, 'deleteToken');
      await this.#tables();
      await this.#runner.withConnection((conn) =>
        conn.execute(statement(conn, this.#sql.deleteById), [id, id]),
      );
    });
  }

  getTokens(): Promise<StoredToken[]> {
    return this.#ops.run('getTokens', async () =>
      (await this.#select('all', undefined, 'getTokens')).map((t) => protectToken(t)),
    );
  }

  deleteTokens(): Promise<void> {
    return this.#ops.run('deleteTokens', async () => {
      await this.#tables();
      await this.#runner.withConnection((conn) => conn.execute(statement(conn, this.#sql.deleteAll)));
    });
  }

  close(): Promise<void> {
    return this.#ops.close(async () => {
      if (this.#ownsPool) await this.pool.end();
    });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
