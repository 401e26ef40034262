// The conformance kit against SQLite database files: a fresh file per case; reopen is a second store with
// its own connection on the same file; raw reads rows through a third, read-only connection.
import { describeConformance } from '@tokens/core/conformance';
import Database from 'better-sqlite3';
import { SqliteTokenStore } from '../src/index.js';
import { removeDatabase, tempDatabases } from './temp-db.js';

const newFile = tempDatabases('conformance');

describeConformance<SqliteTokenStore>({
  name: 'SqliteTokenStore (file)',
  create: () => new SqliteTokenStore({ filename: newFile() }),
  reopen: (store) => new SqliteTokenStore({ filename: store.database.name, table: store.table }),
  raw: (store) => {
    const reader = new Database(store.database.name, { readonly: true });
    try {
      return reader.prepare(`SELECT * FROM "${store.table}" ORDER BY id`).all();
    } finally {
      reader.close();
    }
  },
  destroy: (store) => removeDatabase(store.database.name),
  capabilities: { locks: true },
});
