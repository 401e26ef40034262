// What the server suites share: the test database, fresh collection names, and direct access to what a
// store's collections hold, through a client of the test's own (never the store's).
import { randomBytes } from 'node:crypto';
import type { MongoClient } from 'mongodb';
import type { MongoTokenStore } from '../../src/index.js';

export const TEST_DATABASE = 'tokens_test';

/** A collection name no other case uses (letters, digits, underscore: valid for the store). */
export function randomCollection(label = 't'): string {
  return `${label}_${randomBytes(6).toString('hex')}`;
}

/** The documents of the store's token collection, read directly. */
export function rawTokens(client: MongoClient, store: MongoTokenStore) {
  return client.db(TEST_DATABASE).collection(store.collectionName).find({}).toArray();
}

/** Drops the store's token and lease collections. */
export async function dropStoreCollections(client: MongoClient, store: MongoTokenStore): Promise<void> {
  const db = client.db(TEST_DATABASE);
  await db.collection(store.collectionName).drop();
  await db.collection(store.leaseCollectionName).drop();
}
