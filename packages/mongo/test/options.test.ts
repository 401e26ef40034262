// Options, checked before anything connects: which handle the store uses, which names it accepts, and that
// only the client it made itself is closed by close(). No server needed: the driver connects lazily.
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MongoTokenStore, type MongoTokenStoreOptions } from '../src/index.js';

const url = 'mongodb://127.0.0.1:27017';
const codeOf = (options: unknown) => {
  try {
    new MongoTokenStore(options as MongoTokenStoreOptions);
    return 'constructed';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

afterEach(() => vi.restoreAllMocks());

describe('MongoTokenStore options', () => {
  it('defaults: collection oauthtoken, leases in oauthtoken_leases, database from the URL', async () => {
    const store = new MongoTokenStore({ url: 'mongodb://127.0.0.1:27017/zohooauth' });
    expect(store.collectionName).toBe('oauthtoken');
    expect(store.leaseCollectionName).toBe('oauthtoken_leases');
    expect(store.db.databaseName).toBe('zohooauth');
    await store.close();
    const named = new MongoTokenStore({ url, database: 'tokens', collection: 'crm_tokens' });
    expect([named.db.databaseName, named.collectionName, named.leaseCollectionName]).toEqual([
      'tokens',
      'crm_tokens',
      'crm_tokens_leases',
    ]);
    await named.close();
  });

  it('refuses unsafe collection and database names with INVALID_ARGUMENT', () => {
    for (const collection of ['', 'a.b', 'a$b', 'system.users', 'a b', '1abc', 'x'.repeat(65), 5, null]) {
      expect(codeOf({ url, collection })).toBe('INVALID_ARGUMENT');
    }
    for (const database of ['', 'a.b', 'a/b', 'a b', 'x'.repeat(64), 5]) {
      expect(codeOf({ url, database })).toBe('INVALID_ARGUMENT');
    }
  });

  it('needs exactly one of url, client and db', () => {
    const client = new MongoClient(url);
    expect(codeOf({})).toBe('INVALID_ARGUMENT');
    expect(codeOf({ url, client })).toBe('INVALID_ARGUMENT');
    expect(codeOf({ client, db: client.db('x') })).toBe('INVALID_ARGUMENT');
    expect(codeOf({ db: client.db('x'), database: 'y' })).toBe('INVALID_ARGUMENT');
    expect(codeOf(undefined)).toBe('INVALID_ARGUMENT');
    expect(codeOf({ client })).toBe('constructed');
  });

  it('a malformed URL is INVALID_ARGUMENT, and the error does not repeat it (it may hold a password)', () => {
    const bad = 'mongodb://user:hunter2-secret@host:notaport/db';
    try {
      new MongoTokenStore({ url: bad });
      expect.unreachable();
    } catch (error) {
      expect((error as { code?: string }).code).toBe('INVALID_ARGUMENT');
      expect(JSON.stringify(error) + String(error) + String((error as Error).cause)).not.toContain('hunter2');
    }
  });

  it('close() closes the client made from url, never a client or db the caller gave', async () => {
    const close = vi.spyOn(MongoClient.prototype, 'close');
    const callers = new MongoClient(url);
    await new MongoTokenStore({ client: callers }).close();
    await new MongoTokenStore({ db: callers.db('x') }).close();
    expect(close).not.toHaveBeenCalled();
    const own = new MongoTokenStore({ url });
    await own.close();
    await own.close();
    expect(close).toHaveBeenCalledTimes(1);
    expect(close.mock.contexts[0]).toBe(own.db.client);
    expect(close.mock.contexts[0]).not.toBe(callers);
  });

  it('uses the given db handle as it is', async () => {
    const db = new MongoClient(url).db('given');
    const store = new MongoTokenStore({ db });
    expect(store.db).toBe(db);
    await store.close();
  });
});
