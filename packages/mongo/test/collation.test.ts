// Exact matching must not depend on the collections' default collation. Without a server: every command
// the store sends names the simple (binary) collation, its unique indexes are declared binary, and findToken
// keeps only what core's identity rules accept, whatever a query returns. (mongo-store.test.ts checks the
// same against a real server, on collections created case-insensitive.)
import { describe, expect, it } from 'vitest';
import { SIMPLE_COLLATION } from '../src/collation.js';
import { MongoTokenStore } from '../src/index.js';
import { TOKEN_INDEXES } from '../src/indexes.js';
import { recordingDb } from './support/recording-db.js';

describe('MongoTokenStore collation, without a server', () => {
  it('declares its unique indexes binary (simple collation), whatever the collection default', () => {
    expect(TOKEN_INDEXES.map((index) => [index.name, index.collation])).toEqual(
      ['userName', 'accessToken', 'refreshToken', 'grantToken'].map((f) => [
        `${f}_unique`,
        { locale: 'simple' },
      ]),
    );
    expect(SIMPLE_COLLATION).toEqual({ locale: 'simple' });
  });

  it('names the simple collation on every query, update and delete it sends, leases included', async () => {
    const { db, calls } = recordingDb();
    const store = new MongoTokenStore({ db, collection: 'tokens' });
    await store.saveToken({ userName: 'ada', accessToken: 'at' });
    await store.saveToken({ id: 'id-1' }).catch(() => undefined); // only an id: a findOne
    await store.findToken({ userName: 'ada' });
    await store.findToken({ refreshToken: 'rt', clientId: 'c', clientSecret: 's' });
    await store.findTokenById('id-1');
    await store.getTokens();
    await store.deleteToken('id-1');
    await store.deleteTokens();
    await store.locks.tryAcquire('refresh:ada', 'worker-1', 30_000);
    await store.locks.release('refresh:ada', 'worker-1');
    await store.close();

    const commands = calls.filter((c) => c.method !== 'createIndexes');
    expect(commands.map((c) => `${c.collection}.${c.method}`)).toEqual([
      'tokens.findOneAndUpdate',
      'tokens.findOne',
      'tokens.find',
      'tokens.find',
      'tokens.findOne',
      'tokens.find',
      'tokens.deleteOne',
      'tokens.deleteMany',
      'tokens_leases.updateOne',
      'tokens_leases.deleteOne',
    ]);
    for (const call of commands) {
      expect([call.method, call.options?.['collation']]).toEqual([call.method, { locale: 'simple' }]);
    }
    const tokenIndexes = calls.find((c) => c.collection === 'tokens' && c.method === 'createIndexes');
    expect(tokenIndexes).toBeDefined();
  });

  it('findToken returns only a document that core identity rules accept: no case twin, no other client', async () => {
    const twin = recordingDb([{ _id: 'id-1', userName: 'Alice', accessToken: 'at' }]);
    const store = new MongoTokenStore({ db: twin.db });
    expect(await store.findToken({ userName: 'alice' })).toBeUndefined();
    expect((await store.findToken({ userName: 'Alice' }))?.id).toBe('id-1');

    const otherClient = recordingDb([{ _id: 'id-2', refreshToken: 'rt', clientId: 'client-b' }]);
    const other = new MongoTokenStore({ db: otherClient.db });
    expect(
      await other.findToken({ refreshToken: 'rt', clientId: 'client-a', clientSecret: 's' }),
    ).toBeUndefined();
    expect((await other.findToken({ refreshToken: 'rt', clientId: 'client-b', clientSecret: 's' }))?.id).toBe(
      'id-2',
    );
  });
});
