// The migration of a legacy table, and rows it cannot read: duplicates a unique index would reject fail
// the open with CORRUPT and change nothing; a malformed expiry_time reads as CORRUPT and is never
// overwritten; a schema newer than this code is refused; missing columns are added.
import { isTokenStoreError, TokenStoreError } from '@tokens/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, SqliteTokenStore } from '../src/index.js';
import { snapshot, writeLegacyDatabase } from './legacy-table.js';
import { tempDatabases } from './temp-db.js';

const newFile = tempDatabases('migration');

function openError(options: ConstructorParameters<typeof SqliteTokenStore>[0]): TokenStoreError {
  try {
    new SqliteTokenStore(options);
  } catch (error) {
    if (error instanceof TokenStoreError) return error;
    throw error;
  }
  throw new Error('the store opened');
}

describe('migrating a legacy table', () => {
  it('duplicates a unique index would reject: CORRUPT naming columns and ids, nothing changed', () => {
    const file = newFile();
    writeLegacyDatabase(file, [
      { id: '1', user_name: 'ada', access_token: 'SECRET-at-1' },
      { id: '2', user_name: 'ada', access_token: 'SECRET-at-2' },
      { id: '3', user_name: 'bob', refresh_token: 'SECRET-rt' },
      { id: '4', user_name: 'cy', refresh_token: 'SECRET-rt' },
    ]);
    const before = snapshot(file);
    const error = openError({ filename: file });
    expect(error.code).toBe('CORRUPT');
    expect(error.operation).toBe('open');
    expect(error.message).toMatch(/ids (1, 2|2, 1) share one user_name/);
    expect(error.message).toMatch(/ids (3, 4|4, 3) share one refresh_token/);
    expect(error.message).not.toContain('SECRET');
    expect(error.message).not.toContain('ada');
    expect(snapshot(file)).toEqual(before);

    // Once the owner resolves the duplicates, the store opens and keeps the remaining rows.
    const db = new Database(file);
    db.prepare("DELETE FROM oauthtoken WHERE id IN ('2', '4')").run();
    db.close();
    const store = new SqliteTokenStore({ filename: file });
    expect(snapshot(file).rows).toEqual(before.rows.filter((r) => r.id === '1' || r.id === '3'));
    return store.close();
  });

  it('empty cells are absent values, not duplicates', async () => {
    const file = newFile();
    writeLegacyDatabase(file, [
      { id: '1', user_name: '', access_token: 'at-1', refresh_token: '' },
      { id: '2', user_name: '', access_token: 'at-2', refresh_token: '' },
    ]);
    await using store = new SqliteTokenStore({ filename: file });
    expect(await store.getTokens()).toHaveLength(2);
    // Real values are unique all the same.
    await expect(store.saveToken({ id: '2', accessToken: 'at-1' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('a table made without some of the ten columns gains them, keeping its rows', async () => {
    const file = newFile();
    const nineColumns =
      'CREATE TABLE oauthtoken (id varchar(10) NOT NULL, user_name varchar(255), client_id varchar(255), ' +
      'client_secret varchar(255), refresh_token varchar(255), access_token varchar(255), ' +
      'grant_token varchar(255), expiry_time varchar(20), redirect_url varchar(255), primary key (id))';
    const db = new Database(file);
    db.exec(nineColumns);
    db.prepare("INSERT INTO oauthtoken (id, user_name, access_token) VALUES ('1', 'ada', 'at')").run();
    db.close();
    await using store = new SqliteTokenStore({ filename: file });
    expect({ ...(await store.findTokenById('1')) }).toEqual({ id: '1', userName: 'ada', accessToken: 'at' });
    const saved = await store.saveToken({ userName: 'ada', apiDomain: 'https://www.zohoapis.eu' });
    expect(saved.apiDomain).toBe('https://www.zohoapis.eu');
  });

  it('a schema version newer than this code is refused, and nothing is changed', () => {
    const file = newFile();
    new SqliteTokenStore({ filename: file }).close();
    const db = new Database(file);
    db.prepare("UPDATE oauthtoken_meta SET value = ? WHERE key = 'schema_version'").run(
      String(SCHEMA_VERSION + 1),
    );
    db.close();
    const before = snapshot(file);
    const error = openError({ filename: file });
    expect(error.code).toBe('BACKEND');
    expect(error.message).toContain(`schema version ${SCHEMA_VERSION + 1}`);
    expect(snapshot(file)).toEqual(before);
  });
});

describe('rows the store cannot read', () => {
  const malformed = async () => {
    const file = newFile();
    writeLegacyDatabase(file, [
      { id: '1', user_name: 'ada', access_token: 'SECRET-at', expiry_time: 'tomorrow' },
      { id: '2', user_name: 'bob', access_token: 'at-2', expiry_time: '1767225600000' },
    ]);
    return { file, store: new SqliteTokenStore({ filename: file }) };
  };

  it('a malformed expiry_time reads as CORRUPT naming the row, by every read', async () => {
    await using store = (await malformed()).store;
    for (const read of [store.findTokenById('1'), store.findToken({ userName: 'ada' }), store.getTokens()]) {
      const error = await read.catch((e) => e);
      expect(isTokenStoreError(error, 'CORRUPT')).toBe(true);
      expect(error.message).toContain('id 1');
      expect(error.message).not.toContain('SECRET');
    }
    // Other rows stay readable.
    expect((await store.findToken({ userName: 'bob' }))?.expiresAt).toBe(1_767_225_600_000);
  });

  it('a save that would merge into a malformed row fails with CORRUPT and never overwrites it', async () => {
    const { file, store } = await malformed();
    const before = snapshot(file).rows;
    for (const save of [
      store.saveToken({ userName: 'ada', accessToken: 'new', expiresAt: 1 }),
      store.saveToken({ id: '1', expiresAt: 1 }),
    ]) {
      await expect(save).rejects.toMatchObject({ code: 'CORRUPT' });
    }
    // Deleting it on purpose works: that is how its owner gets rid of it.
    expect(snapshot(file).rows).toEqual(before);
    await store.deleteToken('1');
    expect((await store.getTokens()).map((t) => t.id)).toEqual(['2']);
    await store.close();
  });
});
