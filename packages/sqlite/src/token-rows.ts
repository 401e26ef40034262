// Reading rows back as tokens. A row that cannot be read (a malformed expiry_time, no id) is reported as
// CORRUPT with its id, and is never rewritten by the store.
import { type StoredToken, TokenStoreError, zohoRowToToken } from '@tokens/core';
import type { Row } from './statements.js';

export function rowToToken(row: Row): StoredToken {
  const token = zohoRowToToken(row);
  if (!token) {
    const id = typeof row['id'] === 'string' && /^[\x21-\x7e]{1,64}$/.test(row['id']) ? row['id'] : '?';
    throw new TokenStoreError(
      'CORRUPT',
      `the row with id ${id} cannot be read (expiry_time must be a decimal integer of epoch ms)`,
    );
  }
  return token;
}
