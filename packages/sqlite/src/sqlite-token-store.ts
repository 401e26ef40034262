// SqliteTokenStore: the TokenStore contract on a SQLite database through better-sqlite3, in the table
// layout of the Zoho SDKs and the article's Python store. Each operation is one prepared statement or one
// IMMEDIATE transaction, so several processes can share one database file.
import {
  assertTokenId,
  conflictError,
  type Identity,
  identityOf,
  matchesIdentity,
  newTokenId,
  normalizeToken,
  type OAuthToken,
  planSave,
  protectToken,
  type StoredToken,
  StoreOperations,
  saveIdentity,
  secretsOf,
  sharedUniqueField,
  type TokenLocks,
  type TokenStore,
  TokenStoreError,
  tokenToZohoRow,
} from '@tokens/core';
import type Database from 'better-sqlite3';
import { sqliteErrorClassifier } from './classify-error.js';
import {
  type Connection,
  checkConnectionOptions,
  openConnection,
  type SqliteTokenStoreOptions,
} from './options.js';
import { migrate } from './schema.js';
import { sqliteLocks } from './sqlite-locks.js';
import { prepareStatements, type Row, type TokenStatements } from './statements.js';
import { tableNames } from './table-names.js';
import { rowToToken } from './token-rows.js';

const STORE = 'SqliteTokenStore';

export class SqliteTokenStore implements TokenStore {
  /** The better-sqlite3 connection: the caller's, or the one opened from `filename`. */
  readonly database: Database.Database;
  /** The validated name of the tokens table. */
  readonly table: string;
  readonly locks: TokenLocks;
  readonly #ops: StoreOperations;
  readonly #statements: TokenStatements;
  readonly #owned: boolean;
  readonly #save: Database.Transaction<(incoming: OAuthToken, identity: Identity) => StoredToken>;
  readonly #deleteOne: Database.Transaction<(id: string) => void>;
  readonly #deleteAll: Database.Transaction<() => void>;

  constructor(options: SqliteTokenStoreOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TokenStoreError('INVALID_ARGUMENT', 'options must be an object', {
        operation: 'constructor',
        store: STORE,
      });
    }
    const names = tableNames(options.table);
    checkConnectionOptions(options);
    let connection: Connection | undefined;
    const ops = new StoreOperations(
      STORE,
      sqliteErrorClassifier(() => connection?.db),
    );
    try {
      connection = openConnection(options);
      migrate(connection.db, names, (code, message) => ops.error(code, message, 'open'));
      this.#statements = prepareStatements(connection.db, names);
    } catch (error) {
      if (connection?.owned) connection.db.close();
      throw ops.wrap(error, 'open');
    }
    const db = connection.db;
    this.database = db;
    this.table = names.table;
    this.#ops = ops;
    this.#owned = connection.owned;
    this.locks = sqliteLocks(db, this.#statements, ops, options.now ?? Date.now);
    this.#save = db.transaction((incoming, identity) => this.#write(incoming, identity));
    this.#deleteOne = db.transaction((id) => void this.#statements.deleteById.run(id));
    this.#deleteAll = db.transaction(() => void this.#statements.deleteAll.run());
  }

  findToken(query: OAuthToken): Promise<StoredToken | undefined> {
    return this.#ops.run(
      'findToken',
      () => {
        const identity = identityOf(normalizeToken(query, 'findToken'));
        const token = identity && this.#lookup(identity);
        return token && protectToken(token);
      },
      secretsOf(query),
    );
  }

  findTokenById(id: string): Promise<StoredToken | undefined> {
    return this.#ops.run('findTokenById', () => {
      assertTokenId(id, 'findTokenById');
      const token = this.#lookup({ by: 'id', value: id });
      return token && protectToken(token);
    });
  }

  saveToken(token: OAuthToken): Promise<StoredToken> {
    return this.#ops.run(
      'saveToken',
      () => {
        // Validation first: a refused token never waits for the write lock.
        const incoming = normalizeToken(token, 'saveToken');
        const identity = saveIdentity(incoming);
        return protectToken(this.#save.immediate(incoming, identity));
      },
      secretsOf(token),
    );
  }

  deleteToken(id: string): Promise<void> {
    return this.#ops.run('deleteToken', () => {
      assertTokenId(id, 'deleteToken');
      this.#deleteOne.immediate(id);
    });
  }

  getTokens(): Promise<StoredToken[]> {
    return this.#ops.run('getTokens', () =>
      (this.#statements.all.all() as Row[]).map((row) => protectToken(rowToToken(row))),
    );
  }

  deleteTokens(): Promise<void> {
    return this.#ops.run('deleteTokens', () => this.#deleteAll.immediate());
  }

  close(): Promise<void> {
    return this.#ops.close(() => {
      if (this.#owned) this.database.close();
    });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** The stored token `identity` refers to: the rule's SQL narrows, core's `matchesIdentity` decides. */
  #lookup(identity: Identity): StoredToken | undefined {
    const params = 'clientId' in identity ? [identity.value, identity.clientId] : [identity.value];
    const row = this.#statements.byIdentity[identity.by].get(...params) as Row | undefined;
    if (!row) return undefined;
    const token = rowToToken(row);
    return matchesIdentity(token, identity) ? token : undefined;
  }

  /** The body of a save, run inside one IMMEDIATE transaction: lookup, plan, conflict check, write. */
  #write(incoming: OAuthToken, identity: Identity): StoredToken {
    const plan = planSave(incoming, this.#lookup(identity), () => this.#unusedId());
    const row = tokenToZohoRow(plan.token);
    for (const holder of this.#statements.holders.all(row) as Row[]) {
      const field = sharedUniqueField(plan.token, rowToToken(holder));
      if (field) throw conflictError(field);
    }
    (plan.action === 'insert' ? this.#statements.insert : this.#statements.update).run(row);
    return plan.token;
  }

  /** A new id no row has; a collision is retried, never surfaced. */
  #unusedId(): string {
    let id = newTokenId();
    while (this.#statements.byIdentity.id.get(id)) id = newTokenId();
    return id;
  }
}
