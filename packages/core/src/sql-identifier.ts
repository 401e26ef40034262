// Names given as options (tables, prefixes) are validated here, once, before any store quotes them.
import { TokenStoreError } from './errors.js';

export const SQL_IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Returns `name` when it is a safe SQL identifier; throws `INVALID_ARGUMENT` otherwise. */
export function assertSqlIdentifier(name: unknown, option: string, store?: string): string {
  if (typeof name !== 'string' || !SQL_IDENTIFIER_PATTERN.test(name)) {
    throw new TokenStoreError(
      'INVALID_ARGUMENT',
      `option "${option}" must match ${SQL_IDENTIFIER_PATTERN} (letters, digits, underscore; 64 at most)`,
      { operation: 'constructor', store },
    );
  }
  return name;
}
