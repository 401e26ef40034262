// saveToken's transaction: lock the row the token's identity refers to, merge, write, and let the unique
// indexes arbitrate against tokens written meanwhile by other connections, instances or processes.
import {
  conflictError,
  type Identity,
  matchesIdentity,
  newTokenId,
  type OAuthToken,
  planSave,
  type StoredToken,
  tokenToZohoRow,
  UNIQUE_FIELDS,
} from '@tokens/core';
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import { assertFits, type ColumnLimits } from './column-limits.js';
import { RetryTransaction } from './connection-runner.js';
import { duplicateKeyName, isDuplicateKey } from './mysql-errors.js';
import { rowsToTokens } from './rows.js';
import { statement } from './statement.js';
import { hashColumn, insertParams, type LookupKey, type TableSql, updateParams } from './table-sql.js';

const keyOfIndex = (index: string | undefined): LookupKey | undefined =>
  index === 'PRIMARY' ? 'id' : UNIQUE_FIELDS.find((f) => hashColumn(f) === index);

/**
 * Runs inside a READ COMMITTED transaction (see ConnectionRunner.transaction):
 * 1. SELECT ... FOR UPDATE by the identity's unique index (or the primary key for an id): locks the
 *    stored token the save refers to, so concurrent saves of one token queue up and each merges into
 *    the previous one's result (no torn mix of two writes).
 * 2. planSave merges (or plans an insert), then one INSERT or UPDATE writes every column.
 * 3. The unique indexes are the final arbiter. A duplicate key means another row holds one of the values:
 *    if that row is the token this save refers to (a racing insert of the same identity committed after
 *    step 1 saw nothing), the transaction is run again and becomes an update; otherwise the save is a
 *    CONFLICT. A generated id that collides is replaced by a new one.
 */
export async function saveInTransaction(
  conn: PoolConnection,
  sql: TableSql,
  incoming: OAuthToken,
  identity: Identity,
  limits: ColumnLimits,
): Promise<StoredToken> {
  const lookup = async (key: LookupKey, value: string, forUpdate: boolean) => {
    const [rows] = await conn.execute<RowDataPacket[]>(
      statement(conn, (forUpdate ? sql.selectForUpdate : sql.select)[key]),
      [value],
    );
    return rowsToTokens(rows, 'saveToken');
  };
  const existing = (await lookup(identity.by, identity.value, true)).find((t) =>
    matchesIdentity(t, identity),
  );
  const plan = planSave(incoming, existing);
  let token = plan.token;
  for (;;) {
    assertFits({ id: token.id }, limits, 'saveToken');
    const row = tokenToZohoRow(token);
    try {
      if (plan.action === 'insert') await conn.execute(statement(conn, sql.insert), insertParams(row));
      else await conn.execute(statement(conn, sql.update), updateParams(row));
      return token;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const key = keyOfIndex(duplicateKeyName(error));
      if (key === 'id' && plan.action === 'insert' && incoming.id === undefined) {
        token = { ...token, id: newTokenId() };
        continue;
      }
      const value = key && token[key];
      if (!key || value === undefined) throw conflictError('value');
      // On a legacy case-insensitive id column this finds the id's case twin, which is a conflict.
      const [holder] = await lookup(key, value, false);
      if (!holder || (existing === undefined && matchesIdentity(holder, identity))) {
        throw new RetryTransaction('a racing save of the same token committed first');
      }
      throw conflictError(key);
    }
  }
}
