// The lock capability on SQLite: leases are rows of `<table>_leases`, taken and released in IMMEDIATE
// transactions, so they exclude holders across connections and processes sharing the database file.
import { assertLockHolder, assertLockKey, type StoreOperations, type TokenLocks } from '@tokens/core';
import type Database from 'better-sqlite3';
import type { TokenStatements } from './statements.js';

export function sqliteLocks(
  db: Database.Database,
  statements: TokenStatements,
  ops: StoreOperations,
  now: () => number,
): TokenLocks {
  // Expired leases are removed first, so a holder that died blocks no one longer than its ttl and the
  // table holds only live leases.
  const take = db.transaction((key: string, holder: string, ttlMs: number): boolean => {
    const at = now();
    statements.purgeLeases.run(at);
    return statements.takeLease.run({ key, holder, expiresAt: at + ttlMs }).changes === 1;
  });
  const release = db.transaction(
    (key: string, holder: string): boolean => statements.releaseLease.run(key, holder).changes === 1,
  );
  return {
    tryAcquire: (key, holder, ttlMs) =>
      ops.run('lock', () => {
        assertLockKey(key, ttlMs);
        assertLockHolder(holder);
        return take.immediate(key, holder, ttlMs);
      }),
    release: (key, holder) =>
      ops.run('unlock', () => {
        assertLockKey(key, 1);
        assertLockHolder(holder);
        return release.immediate(key, holder);
      }),
  };
}
