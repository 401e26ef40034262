// The conformance kit against ':memory:' databases. A private in-memory database can only be shared by
// sharing its handle, so reopen is a second store on the same `database` (its own statements, migration
// run and closed state); raw reads the rows through that handle, bypassing the store.
import { describeConformance } from '@tokens/core/conformance';
import { SqliteTokenStore } from '../src/index.js';

describeConformance<SqliteTokenStore>({
  name: 'SqliteTokenStore (:memory:)',
  create: () => new SqliteTokenStore({ filename: ':memory:' }),
  reopen: (store) => new SqliteTokenStore({ database: store.database, table: store.table }),
  raw: (store) => store.database.prepare(`SELECT * FROM "${store.table}" ORDER BY id`).all(),
  capabilities: { locks: true },
});
