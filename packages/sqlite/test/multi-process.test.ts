// Several processes on one database file, each with its own store: the first open (schema creation) and
// every save contend through SQLite's locks, and no SQLITE_BUSY, lost write or duplicate reaches the user.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteTokenStore } from '../src/index.js';
// @ts-expect-error: a plain .mjs fixture without types; its tokenFor is what every child saved.
import { tokenFor } from './fixtures/save-many.mjs';
import { FIXTURES, tempDatabases } from './temp-db.js';

const run = promisify(execFile);
const newFile = tempDatabases('multi-process');
const PROCESSES = 4;
const SAVES = 50;

describe('several processes on one database file', () => {
  it(`${PROCESSES} processes x ${SAVES} saves: every token is there once, no identity duplicated`, async () => {
    const file = newFile();
    const startAt = Date.now() + 1500;
    const children = Array.from({ length: PROCESSES }, (_, p) =>
      run(
        process.execPath,
        [fileURLToPath(new URL('save-many.mjs', FIXTURES)), file, String(p), String(startAt)],
        {
          timeout: 60_000,
        },
      ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`child ${p} failed: ${error.stdout ?? ''}${error.stderr ?? error.message}`);
      }),
    );
    const summaries = (await Promise.all(children)).map((c) => JSON.parse(c.stdout));
    expect(summaries).toEqual(Array.from({ length: PROCESSES }, () => ({ saved: SAVES, failures: [] })));

    const store = new SqliteTokenStore({ filename: file });
    try {
      const all = await store.getTokens();
      // Per process: 30 distinct users and 5 distinct refresh tokens; shared: 2 users and 1 refresh token.
      expect(all).toHaveLength(PROCESSES * 35 + 3);
      expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
      const userNames = all.flatMap((t) => (t.userName ? [t.userName] : []));
      expect(new Set(userNames).size).toBe(userNames.length);
      const refreshTokens = all.flatMap((t) => (t.refreshToken ? [t.refreshToken] : []));
      expect(new Set(refreshTokens).size).toBe(refreshTokens.length);

      const writes = Array.from({ length: PROCESSES }, (_, p) =>
        Array.from({ length: SAVES }, (_, i) => tokenFor(p, i)),
      ).flat();
      for (const write of writes.filter(
        (w) => !String(w.userName).startsWith('shared') && w.refreshToken !== 'shared-rt',
      )) {
        expect({ ...(await store.findToken(write)) }).toMatchObject(write);
      }
      // A shared identity holds the fields of one write, not a mix of several.
      for (const query of [{ userName: 'shared-7' }, { userName: 'shared-8' }, tokenFor(0, 9)]) {
        const found = await store.findToken(query);
        const { id: _id, ...fields } = { ...found };
        expect(writes).toContainEqual(fields);
      }
    } finally {
      await store.close();
    }
    const check = new Database(file, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
    check.close();
  }, 90_000);
});
