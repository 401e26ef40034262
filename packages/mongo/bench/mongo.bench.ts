// Throughput of MongoTokenStore on a real server (TOKENS_TEST_MONGO_URL or the global setup's container;
// skipped, with the reason, without one): one round trip per operation. Figures are printed, never asserted.
import { suiteTitle, testService } from '@tokens/testing';
import { MongoClient } from 'mongodb';
import { afterAll, bench, describe } from 'vitest';
import { MongoTokenStore } from '../src/index.js';
import { dropStoreCollections, randomCollection, TEST_DATABASE } from '../test/support/test-database.js';

const SIZE = 1_000;
const service = testService('mongo');
const url = service.url ?? 'mongodb://127.0.0.1:27017';

describe.skipIf(!service.url)(suiteTitle(`MongoTokenStore with ${SIZE} tokens`, service), async () => {
  const store = new MongoTokenStore({ url, database: TEST_DATABASE, collection: randomCollection('bench') });
  const raw = new MongoClient(url);
  afterAll(async () => {
    await store.close();
    await dropStoreCollections(raw, store);
    await raw.close();
  });
  const ids: string[] = [];
  if (service.url) {
    for (let i = 0; i < SIZE; i++) {
      const saved = await store.saveToken({
        userName: `user-${i}`,
        accessToken: `at-${i}`,
        refreshToken: `rt-${i}`,
      });
      ids.push(saved.id);
    }
  }
  let n = 0;

  bench('saveToken (update by userName)', async () => {
    const i = n++ % SIZE;
    await store.saveToken({ userName: `user-${i}`, accessToken: `at-${i}`, expiresAt: n });
  });
  bench('saveToken (insert)', async () => {
    await store.saveToken({ userName: `new-${n}`, accessToken: `new-at-${n++}` });
  });
  bench('findToken (by userName)', async () => {
    await store.findToken({ userName: `user-${n++ % SIZE}` });
  });
  bench('findTokenById', async () => {
    await store.findTokenById(ids[n++ % SIZE]!);
  });
  bench('locks.tryAcquire + release', async () => {
    const key = `key-${n++ % 100}`;
    if (await store.locks.tryAcquire(key, 'bench', 30_000)) await store.locks.release(key, 'bench');
  });
});
