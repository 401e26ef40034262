// The conformance kit against a real MongoDB (TOKENS_TEST_MONGO_URL, or a container from the global
// setup): each case gets a random collection; a second instance has its own MongoClient; raw reads the
// collection with a separate client; child processes open the collection through the built package.
// Without a server the suite is reported as skipped, with the reason.
import { describeConformance } from '@tokens/core/conformance';
import { suiteTitle, testService } from '@tokens/testing';
import { MongoClient } from 'mongodb';
import { afterAll, describe } from 'vitest';
import { MongoTokenStore } from '../src/index.js';
import { dropStoreCollections, randomCollection, rawTokens, TEST_DATABASE } from './support/test-database.js';

const service = testService('mongo');
const url = service.url ?? 'mongodb://127.0.0.1:27017';
// The driver connects on first use: without a server this client never opens a socket.
const raw = new MongoClient(url);
afterAll(() => raw.close());

describe.skipIf(!service.url)(suiteTitle('MongoTokenStore on MongoDB', service), () => {
  describeConformance<MongoTokenStore>({
    name: 'MongoTokenStore',
    create: () => new MongoTokenStore({ url, database: TEST_DATABASE, collection: randomCollection('conf') }),
    reopen: (store) =>
      new MongoTokenStore({ url, database: TEST_DATABASE, collection: store.collectionName }),
    raw: (store) => rawTokens(raw, store),
    destroy: (store) => dropStoreCollections(raw, store),
    processes: {
      module: import.meta.resolve('@tokens/mongo'),
      exportName: 'MongoTokenStore',
      options: (store) => ({ url, database: TEST_DATABASE, collection: store.collectionName }),
    },
    capabilities: { locks: true },
  });
});
