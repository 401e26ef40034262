// The database file holds secrets in plain text: its protection is its mode. A new file and its WAL
// companions are 0600 whatever the umask; an existing file readable by others is narrowed, never widened.
import { chmodSync, existsSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteTokenStore } from '../src/index.js';
import { tempDatabases } from './temp-db.js';

const newFile = tempDatabases('modes');
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('file modes', () => {
  let umask: number;
  beforeEach(() => {
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('a new database and its -wal and -shm files are 0600 under umask 022', async () => {
    const file = newFile();
    await using store = new SqliteTokenStore({ filename: file });
    await store.saveToken({ userName: 'ada', accessToken: 'at', refreshToken: 'rt' });
    // The store's connection is open, so the WAL files are there (they go when the last one closes).
    expect(existsSync(`${file}-wal`) && existsSync(`${file}-shm`)).toBe(true);
    expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual([0o600, 0o600, 0o600]);
  });

  it('a new database is 0600 under umask 000 too', async () => {
    process.umask(0o000);
    const file = newFile();
    await using store = new SqliteTokenStore({ filename: file });
    await store.saveToken({ userName: 'ada', accessToken: 'at' });
    expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual([0o600, 0o600, 0o600]);
  });

  it('a name starting with "file:" is a path (better-sqlite3 reads URIs only under SQLITE_USE_URI=1)', async () => {
    const dir = dirname(newFile());
    const previous = process.cwd();
    process.chdir(dir);
    try {
      await using store = new SqliteTokenStore({ filename: 'file:tokens.db' });
      await store.saveToken({ userName: 'ada', accessToken: 'at' });
      expect(modeOf(join(dir, 'file:tokens.db'))).toBe(0o600);
    } finally {
      process.chdir(previous);
    }
  });

  it('an existing database readable by others is narrowed to 0600 with its WAL files; a narrower one is kept', async () => {
    const file = newFile();
    // What an app that ran under umask 022 left: a database with WAL files, every one 0644.
    const legacy = new Database(file);
    legacy.pragma('journal_mode = WAL');
    legacy.exec('CREATE TABLE t (a)');
    // Keep the WAL files: a second connection holds them open while the store opens the file.
    chmodSync(file, 0o644);
    chmodSync(`${file}-wal`, 0o644);
    chmodSync(`${file}-shm`, 0o644);
    const store = new SqliteTokenStore({ filename: file });
    expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    await store.close();
    legacy.close();

    for (const [before, after] of [
      [0o660, 0o600],
      [0o604, 0o600],
      [0o600, 0o600],
    ] as const) {
      const other = newFile();
      new Database(other).close();
      chmodSync(other, before);
      await new SqliteTokenStore({ filename: other }).close();
      expect(modeOf(other), before.toString(8)).toBe(after);
    }
    // Read-only for its owner: narrowed (0440 to 0400), never widened, whether or not the store can then write.
    const readOnly = newFile();
    new Database(readOnly).close();
    chmodSync(readOnly, 0o440);
    try {
      await new SqliteTokenStore({ filename: readOnly }).close();
    } catch {
      // Without root, SQLite cannot write a 0400 file: the store's open fails, which is not under test here.
    }
    expect(modeOf(readOnly)).toBe(0o400);
  });

  it('through a symlink, the file it points to is created 0600 and the link is kept', async () => {
    const target = newFile();
    const link = `${target}.link`;
    symlinkSync(target, link);
    await using store = new SqliteTokenStore({ filename: link });
    await store.saveToken({ userName: 'ada', accessToken: 'at' });
    expect(modeOf(target)).toBe(0o600);
  });

  it('an empty file made by touch under umask 022 is narrowed before SQLite writes in it', async () => {
    const file = newFile();
    writeFileSync(file, '');
    expect(modeOf(file)).toBe(0o644);
    await using store = new SqliteTokenStore({ filename: file });
    await store.saveToken({ userName: 'ada', accessToken: 'at' });
    expect(modeOf(file)).toBe(0o600);
  });
});
