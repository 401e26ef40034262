// Several processes, each with its own store and pool, on one table: saves of shared identities leave one
// token each, distinct ones all arrive, and increments under withLock lose nothing across processes.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { suiteTitle } from '@tokens/testing';
import { describe, expect, it } from 'vitest';
import { MySqlTokenStore } from '../src/index.js';
// @ts-expect-error: a plain .mjs fixture without types; tokenFor is what every child saved.
import { INCREMENTS, SAVES, tokenFor } from './fixtures/save-many.mjs';
import { dropTables, randomTable, service } from './mysql-fixtures.js';

const run = promisify(execFile);
const PROCESSES = 4;

describe.skipIf(!service.url)(suiteTitle('MySqlTokenStore across processes', service), () => {
  it(`${PROCESSES} processes x ${SAVES} saves and ${INCREMENTS} locked increments`, {
    timeout: 60_000,
  }, async () => {
    const table = randomTable();
    const store = new MySqlTokenStore({ uri: service.url!, table });
    try {
      await store.saveToken({ userName: 'counter', accessToken: 'at-counter', expiresAt: 0 });
      const script = fileURLToPath(new URL('fixtures/save-many.mjs', import.meta.url));
      const startAt = String(Date.now() + 1500);
      const children = Array.from({ length: PROCESSES }, (_, p) =>
        run(process.execPath, [script, service.url!, table, String(p), startAt], { timeout: 50_000 }),
      );
      const summaries = (await Promise.all(children)).map((c) => JSON.parse(c.stdout));
      expect(summaries).toEqual(Array.from({ length: PROCESSES }, () => ({ failures: [] })));

      const all = await store.getTokens();
      const distinct = Array.from({ length: PROCESSES }, (_, p) =>
        Array.from({ length: SAVES }, (_, i) => tokenFor(p, i)).filter((t) =>
          t.userName?.startsWith('user-'),
        ),
      ).flat();
      // counter + shared-user + the shared refresh token + every distinct user.
      expect(all).toHaveLength(3 + distinct.length);
      expect(all.filter((t) => t.userName === 'shared-user')).toHaveLength(1);
      expect(all.filter((t) => t.refreshToken === 'shared-rt')).toHaveLength(1);
      for (const token of distinct) {
        expect((await store.findToken({ userName: token.userName }))?.accessToken).toBe(token.accessToken);
      }
      expect((await store.findToken({ userName: 'counter' }))?.expiresAt).toBe(PROCESSES * INCREMENTS);
    } finally {
      await store.close();
      await dropTables(store);
    }
  });
});
