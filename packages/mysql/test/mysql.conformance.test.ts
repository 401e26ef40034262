// The conformance kit against a real MySQL/MariaDB: every case on a fresh random table; reopen is a second
// store with its own pool on that table; raw reads the rows with SELECT * from a separate admin pool; child
// processes open the table through the built package.
import { describeConformance } from '@tokens/core/conformance';
import { suiteTitle } from '@tokens/testing';
import { describe } from 'vitest';
import { MySqlTokenStore } from '../src/index.js';
import { dropTables, newStore, rawRows, service } from './mysql-fixtures.js';

describe.skipIf(!service.url)(suiteTitle('MySqlTokenStore conformance', service), () => {
  describeConformance<MySqlTokenStore>({
    name: 'MySqlTokenStore',
    create: () => newStore(),
    reopen: (store) => new MySqlTokenStore({ uri: service.url!, table: store.table }),
    raw: (store) => rawRows(store.table),
    destroy: (store) => dropTables(store),
    processes: {
      module: import.meta.resolve('@tokens/mysql'),
      exportName: 'MySqlTokenStore',
      options: (store) => ({ uri: service.url!, table: store.table }),
    },
    capabilities: { locks: true },
    timeoutMs: 30_000,
  });
});
