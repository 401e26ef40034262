// Options: what is refused (before anything is opened or created), who closes the database, and table
// names as namespaces on one file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isTokenStoreError } from '@tokens/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAX_TABLE_LENGTH, SqliteTokenStore } from '../src/index.js';
import { snapshot } from './legacy-table.js';
import { tempDatabases } from './temp-db.js';

const newFile = tempDatabases('options');

function refusal(options: unknown): unknown {
  try {
    new SqliteTokenStore(options as never);
  } catch (error) {
    return isTokenStoreError(error) ? error.code : error;
  }
  return 'opened';
}

describe('options', () => {
  it('bad options are refused with INVALID_ARGUMENT and create no file', () => {
    const file = newFile();
    const someDatabase = new Database(':memory:');
    const bad = [
      undefined,
      {},
      { filename: file, database: someDatabase },
      { filename: '' },
      { filename: `${file}/missing-dir/x.db` },
      { database: {} },
      { filename: file, table: 'oauthtoken"; DROP TABLE x; --' },
      { filename: file, table: '1table' },
      { filename: file, table: 'a'.repeat(MAX_TABLE_LENGTH + 1) },
      { filename: file, busyTimeoutMs: -1 },
      { filename: file, now: 5 },
    ];
    for (const options of bad) expect(refusal(options)).toBe('INVALID_ARGUMENT');
    expect(existsSync(file)).toBe(false);
    someDatabase.close();
  });

  it(`a table name of ${MAX_TABLE_LENGTH} characters works, with its derived tables`, async () => {
    await using store = new SqliteTokenStore({ filename: ':memory:', table: 'T'.repeat(MAX_TABLE_LENGTH) });
    await store.saveToken({ userName: 'ada', accessToken: 'at' });
    expect(await store.locks.tryAcquire('k', 'h', 1000)).toBe(true);
  });

  it("a caller's database stays open after close(), and keeps what the store wrote", async () => {
    const database = new Database(':memory:');
    const store = new SqliteTokenStore({ database });
    const saved = await store.saveToken({ userName: 'ada', accessToken: 'at' });
    await store.close();
    expect(database.open).toBe(true);
    expect(database.prepare('SELECT user_name FROM oauthtoken WHERE id = ?').get(saved.id)).toEqual({
      user_name: 'ada',
    });
    database.close();
  });

  it('a database the store opened is closed by close()', async () => {
    const store = new SqliteTokenStore({ filename: newFile() });
    await store.close();
    expect(store.database.open).toBe(false);
  });

  it('once the caller closes their database, the store rejects with CLOSED', async () => {
    const database = new Database(':memory:');
    const store = new SqliteTokenStore({ database });
    database.close();
    await expect(store.getTokens()).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('a file that is not a database is CORRUPT at open, and left as it was', () => {
    const file = newFile();
    // A text file where a database should be.
    writeFileSync(file, 'not a database '.repeat(100));
    expect(refusal({ filename: file })).toBe('CORRUPT');
    expect(readFileSync(file, 'utf8')).toBe('not a database '.repeat(100));
  });
});

describe('tables as namespaces on one file', () => {
  it('stores on different tables neither see nor delete each other’s tokens or leases', async () => {
    const file = newFile();
    await using alpha = new SqliteTokenStore({ filename: file, table: 'alpha' });
    await using beta = new SqliteTokenStore({ filename: file, table: 'beta' });
    const a = await alpha.saveToken({ userName: 'ada', accessToken: 'at-same' });
    // The same user and access token in another namespace are no conflict.
    const b = await beta.saveToken({ userName: 'ada', accessToken: 'at-same' });
    expect(await alpha.findTokenById(b.id)).toBeUndefined();
    expect(await alpha.locks.tryAcquire('key', 'alpha-holder', 30_000)).toBe(true);
    expect(await beta.locks.tryAcquire('key', 'beta-holder', 30_000)).toBe(true);
    await beta.deleteTokens();
    expect((await alpha.getTokens()).map((t) => t.id)).toEqual([a.id]);
    expect(snapshot(file, 'alpha').rows).toHaveLength(1);
  });
});
