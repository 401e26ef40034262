// What is particular to MongoDB, against a real server (skipped, with the reason, without one): the shape
// of the documents, the indexes, leases in their own collection, clients the caller owns, stored data
// that is not a token, and index creation that fails once.
import { inspect } from 'node:util';
import { suiteTitle, testService } from '@tokens/testing';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { MongoTokenStore, type MongoTokenStoreOptions } from '../src/index.js';
import { dropStoreCollections, randomCollection, TEST_DATABASE } from './support/test-database.js';

const service = testService('mongo');
const url = service.url ?? 'mongodb://127.0.0.1:27017';
const raw = new MongoClient(url);
afterAll(() => raw.close());

/** A store on a fresh collection, closed and dropped when the test ends. */
function freshStore(options: Partial<MongoTokenStoreOptions> = {}): MongoTokenStore {
  const store = new MongoTokenStore({
    url,
    database: TEST_DATABASE,
    collection: randomCollection('mongo'),
    ...options,
  } as MongoTokenStoreOptions);
  onTestFinished(async () => {
    await store.close();
    await dropStoreCollections(raw, store);
  });
  return store;
}

const collectionOf = (store: MongoTokenStore, name = store.collectionName) =>
  raw.db(TEST_DATABASE).collection(name);

describe.skipIf(!service.url)(
  suiteTitle('MongoTokenStore on MongoDB: documents, indexes, clients', service),
  () => {
    it('stores one document per token: _id is the id, fields keep their names, expiresAt is a number', async () => {
      const store = freshStore();
      const saved = await store.saveToken({
        userName: 'ada',
        accessToken: 'at-1',
        expiresAt: 1_767_225_600_123,
      });
      const docs = await collectionOf(store).find({}).toArray();
      expect(docs).toEqual([
        { _id: saved.id, userName: 'ada', accessToken: 'at-1', expiresAt: 1_767_225_600_123 },
      ]);
      expect(await collectionOf(store).countDocuments({ expiresAt: { $type: 'number' } })).toBe(1);
    });

    it('creates unique partial indexes on userName and the credentials, and a TTL index on leases', async () => {
      const store = freshStore();
      await store.saveToken({ userName: 'ada', accessToken: 'at-1' });
      const indexes = await collectionOf(store).indexes();
      for (const field of ['userName', 'accessToken', 'refreshToken', 'grantToken']) {
        expect(indexes).toContainEqual(
          expect.objectContaining({
            name: `${field}_unique`,
            key: { [field]: 1 },
            unique: true,
            partialFilterExpression: { [field]: { $type: 'string' } },
          }),
        );
      }
      const leaseIndexes = await collectionOf(store, store.leaseCollectionName).indexes();
      expect(leaseIndexes).toContainEqual(
        expect.objectContaining({ name: 'expiresAt_ttl', expireAfterSeconds: 60 }),
      );
    });

    it('a failed index creation is tried again by the next write', async () => {
      const store = freshStore();
      // An index of the same name but not unique: createIndexes refuses to change it.
      await collectionOf(store).createIndex({ userName: 1 }, { name: 'userName_unique' });
      await expect(store.saveToken({ userName: 'ada', accessToken: 'at-1' })).rejects.toMatchObject({
        code: 'BACKEND',
      });
      expect(await collectionOf(store).countDocuments()).toBe(0);
      await collectionOf(store).dropIndex('userName_unique');
      await store.saveToken({ userName: 'ada', accessToken: 'at-1' });
      const indexes = await collectionOf(store).indexes();
      expect(indexes.find((i) => i.name === 'userName_unique')?.unique).toBe(true);
    });

    it('stored documents that already share a credential make the index, and so the save, fail: CORRUPT', async () => {
      const store = freshStore();
      await collectionOf(store).insertMany([
        { _id: 'a' as never, accessToken: 'SECRET-shared' },
        { _id: 'b' as never, accessToken: 'SECRET-shared' },
      ]);
      const failure = await store
        .saveToken({ userName: 'ada', accessToken: 'at-1' })
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('accessToken') });
      expect(JSON.stringify(failure) + inspect(failure, { depth: 5 })).not.toContain('SECRET');
      expect(await collectionOf(store).countDocuments()).toBe(2);
    });

    it('instances whose first writes race on a new collection all succeed', async () => {
      const first = freshStore();
      const others = Array.from({ length: 5 }, () => freshStore({ collection: first.collectionName }));
      const stores = [first, ...others];
      await Promise.all(stores.map((s, i) => s.saveToken({ userName: `user-${i}`, accessToken: `at-${i}` })));
      expect(await first.getTokens()).toHaveLength(6);
    });

    it('leases live in <collection>_leases with a Date expiry; deleteTokens leaves them alone', async () => {
      const store = freshStore();
      await store.saveToken({ userName: 'ada', accessToken: 'at-1' });
      expect(await store.locks.tryAcquire('refresh:ada', 'holder-a', 30_000)).toBe(true);
      const leases = await collectionOf(store, store.leaseCollectionName).find({}).toArray();
      expect(leases).toEqual([{ _id: 'refresh:ada', holder: 'holder-a', expiresAt: expect.any(Date) }]);
      await store.deleteTokens();
      expect(await collectionOf(store, store.leaseCollectionName).countDocuments()).toBe(1);
      expect(await store.locks.tryAcquire('refresh:ada', 'holder-b', 30_000)).toBe(false);
    });

    it('never closes a client or db the caller gave it', async () => {
      const client = new MongoClient(url);
      onTestFinished(() => client.close());
      const collection = randomCollection('owned');
      const viaClient = new MongoTokenStore({ client, database: TEST_DATABASE, collection });
      await viaClient.saveToken({ userName: 'ada', accessToken: 'at-1' });
      await viaClient.close();
      const viaDb = new MongoTokenStore({ db: client.db(TEST_DATABASE), collection });
      expect((await viaDb.findToken({ userName: 'ada' }))?.accessToken).toBe('at-1');
      await viaDb.close();
      expect(await client.db(TEST_DATABASE).command({ ping: 1 })).toMatchObject({ ok: 1 });
      await dropStoreCollections(raw, viaDb);
    });

    it("reads numbers as numbers whatever the caller's client decodes them as (here: BSON wrappers)", async () => {
      const client = new MongoClient(url, { promoteValues: false });
      onTestFinished(() => client.close());
      const store = freshStore({ url: undefined, client });
      const saved = await store.saveToken({
        userName: 'ada',
        accessToken: 'at',
        expiresAt: 8_640_000_000_000_000,
      });
      expect((await store.findTokenById(saved.id))?.expiresAt).toBe(8_640_000_000_000_000);
    });

    it('a stored document that is not a token is CORRUPT, named by its id, and left as it was', async () => {
      const store = freshStore();
      await collectionOf(store).insertOne({ _id: 'bad1' as never, userName: 'ada', accessToken: 42 });
      await expect(store.findTokenById('bad1')).rejects.toMatchObject({ code: 'CORRUPT' });
      await expect(store.getTokens()).rejects.toMatchObject({
        code: 'CORRUPT',
        message: expect.stringContaining('bad1'),
      });
      expect(await collectionOf(store).findOne({ _id: 'bad1' as never })).toMatchObject({ accessToken: 42 });
    });

    it('fields another application added survive an update and are not returned', async () => {
      const store = freshStore();
      const saved = await store.saveToken({ userName: 'ada', accessToken: 'at-1' });
      await collectionOf(store).updateOne({ _id: saved.id as never }, { $set: { tenant: 'acme' } });
      const updated = await store.saveToken({ userName: 'ada', accessToken: 'at-2' });
      expect({ ...updated }).toEqual({ id: saved.id, userName: 'ada', accessToken: 'at-2' });
      expect(await collectionOf(store).findOne({ _id: saved.id as never })).toMatchObject({ tenant: 'acme' });
    });
  },
);
