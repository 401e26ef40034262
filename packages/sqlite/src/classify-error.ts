// How better-sqlite3's errors map to the contract's codes. SqliteError carries SQLite's extended result
// code as a string (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, ...).
import type { ErrorClassifier } from '@tokens/core';
import type Database from 'better-sqlite3';

export function sqliteErrorClassifier(db: () => Database.Database | undefined): ErrorClassifier {
  return (error) => {
    // A caller who closed the Database they gave the store: every later call fails as if closed.
    if (db()?.open === false) return 'CLOSED';
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') return 'BACKEND';
    // Another connection held the lock for longer than the busy timeout: trying again later may work.
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'UNAVAILABLE';
    if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) return 'UNAVAILABLE';
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'CONFLICT';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'CORRUPT';
    if (code === 'SQLITE_TOOBIG') return 'INVALID_TOKEN';
    return 'BACKEND';
  };
}
