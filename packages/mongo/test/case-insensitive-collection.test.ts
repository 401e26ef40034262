// Collections someone created with a case-insensitive default collation (`{ locale: 'en', strength: 2 }`)
// before the store first used them: user names, credentials and lease holders still match byte for byte,
// and the unique indexes the store builds there are binary. Needs a server (skipped, with the reason,
// without one); collation.test.ts checks the commands without one.
import { suiteTitle, testService } from '@tokens/testing';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { MongoTokenStore } from '../src/index.js';
import { dropStoreCollections, randomCollection, TEST_DATABASE } from './support/test-database.js';

const service = testService('mongo');
const url = service.url ?? 'mongodb://127.0.0.1:27017';
const raw = new MongoClient(url);
afterAll(() => raw.close());

const CASE_INSENSITIVE = { locale: 'en', strength: 2 };

/** A store on token and lease collections created case-insensitive, dropped when the test ends. */
async function storeOnCaseInsensitiveCollections(): Promise<MongoTokenStore> {
  const collection = randomCollection('ci');
  const db = raw.db(TEST_DATABASE);
  await db.createCollection(collection, { collation: CASE_INSENSITIVE });
  await db.createCollection(`${collection}_leases`, { collation: CASE_INSENSITIVE });
  const store = new MongoTokenStore({ url, database: TEST_DATABASE, collection });
  onTestFinished(async () => {
    await store.close();
    await dropStoreCollections(raw, store);
  });
  return store;
}

describe.skipIf(!service.url)(
  suiteTitle('MongoTokenStore on collections with a case-insensitive default collation', service),
  () => {
    it('the collections really compare case-insensitively (the premise of this suite)', async () => {
      const store = await storeOnCaseInsensitiveCollections();
      const tokens = raw.db(TEST_DATABASE).collection(store.collectionName);
      await tokens.insertOne({ _id: 'probe' as never, userName: 'Alice' });
      expect(await tokens.countDocuments({ userName: 'alice' })).toBe(1);
      await tokens.deleteMany({});
    });

    it('user names and credentials differing only in case are different tokens', async () => {
      const store = await storeOnCaseInsensitiveCollections();
      const upper = await store.saveToken({ userName: 'Alice', accessToken: 'AT-1', refreshToken: 'RT' });
      const lower = await store.saveToken({ userName: 'alice', accessToken: 'at-1', refreshToken: 'rt' });
      expect(lower.id).not.toBe(upper.id);
      expect((await store.findToken({ userName: 'alice' }))?.id).toBe(lower.id);
      expect((await store.findToken({ userName: 'Alice' }))?.id).toBe(upper.id);
      expect((await store.findToken({ accessToken: 'at-1' }))?.id).toBe(lower.id);
      expect(await store.findToken({ userName: 'ALICE' })).toBeUndefined();
      // An update by identity touches only the exact match.
      await store.saveToken({ userName: 'alice', accessToken: 'at-2' });
      expect((await store.findTokenById(upper.id))?.accessToken).toBe('AT-1');
      expect(await store.getTokens()).toHaveLength(2);
    });

    it('the unique indexes are binary: an exact duplicate is still a CONFLICT', async () => {
      const store = await storeOnCaseInsensitiveCollections();
      await store.saveToken({ userName: 'bob', accessToken: 'shared' });
      await expect(store.saveToken({ userName: 'carol', accessToken: 'shared' })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await store.saveToken({ userName: 'carol', accessToken: 'SHARED' });
      expect(await store.getTokens()).toHaveLength(2);
    });

    it('a lease holder is compared exactly: another holder differing in case neither renews nor releases it', async () => {
      const store = await storeOnCaseInsensitiveCollections();
      expect(await store.locks.tryAcquire('refresh:ada', 'Worker-1', 30_000)).toBe(true);
      expect(await store.locks.tryAcquire('refresh:ada', 'worker-1', 30_000)).toBe(false);
      expect(await store.locks.release('refresh:ada', 'worker-1')).toBe(false);
      expect(await store.locks.release('refresh:ada', 'Worker-1')).toBe(true);
    });
  },
);
