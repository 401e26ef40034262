// Rows as tokens: the Zoho column mapping of @tokens/core, and CORRUPT for a row it cannot read.
import { type StoredToken, TokenStoreError, type ZohoRow, zohoRowToToken } from '@tokens/core';

export function rowsToTokens(rows: readonly object[], operation: string): StoredToken[] {
  return rows.map((row) => {
    const token = zohoRowToToken(row as ZohoRow);
    if (!token) {
      throw new TokenStoreError(
        'CORRUPT',
        'a stored row cannot be read (no id, or an expiry_time that is not a number)',
        {
          operation,
        },
      );
    }
    return token;
  });
}
