// The conformance kit against SQLite database files: a fresh file per case; reopen is a second store with
// its own connection on the same file; raw reads rows through a third, read-only connection; child
// processes open the file through the built package (dist/, built by the global setup).
import { describeConformance } from '@tokens/core/conformance';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { SqliteTokenStore } from '../src/index.js';
import { removeDatabase, tempDatabases } from './temp-db.js';

const newFile = tempDatabases('conformance');

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const reader = new Database(file, { readonly: true });
  try {
    return read(reader);
  } finally {
    reader.close();
  }
}

describeConformance<SqliteTokenStore>({
  name: 'SqliteTokenStore (file)',
  create: () => new SqliteTokenStore({ filename: newFile() }),
  reopen: (store) => new SqliteTokenStore({ filename: store.database.name, table: store.table }),
  raw: (store) =>
    readOnly(store.database.name, (db) => db.prepare(`SELECT * FROM "${store.table}" ORDER BY id`).all()),
  destroy: (store) => removeDatabase(store.database.name),
  processes: {
    module: import.meta.resolve('@tokens/sqlite'),
    exportName: 'SqliteTokenStore',
    options: (store) => ({ filename: store.database.name, table: store.table }),
    // After four processes' writes the file is sound and still in WAL mode.
    check: (store) =>
      readOnly(store.database.name, (db) => {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      }),
  },
  capabilities: { locks: true },
});
