// Several processes on one collection, each with its own store and client, through the built package:
// saves of shared identities race on the unique indexes, increments race for a lease. No duplicate, no
// torn token, no lost update. Needs a server (skipped, with the reason, without one).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { suiteTitle, testService } from '@tokens/testing';
import { MongoClient } from 'mongodb';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MongoTokenStore } from '../src/index.js';
// @ts-expect-error: a plain .mjs fixture without types; tokenFor is what every child saved.
import { INCREMENTS, SAVES, tokenFor } from './fixtures/save-many.mjs';
import { dropStoreCollections, randomCollection, TEST_DATABASE } from './support/test-database.js';

const run = promisify(execFile);
const service = testService('mongo');
const PROCESSES = 3;
const CHILD = fileURLToPath(new URL('fixtures/save-many.mjs', import.meta.url));

describe.skipIf(!service.url)(suiteTitle('MongoTokenStore from several processes', service), () => {
  it(`${PROCESSES} processes x ${SAVES} saves and ${INCREMENTS} locked increments each`, async () => {
    const url = service.url!;
    const collection = randomCollection('procs');
    const raw = new MongoClient(url);
    const store = new MongoTokenStore({ url, database: TEST_DATABASE, collection });
    onTestFinished(async () => {
      await store.close();
      await dropStoreCollections(raw, store);
      await raw.close();
    });
    await store.saveToken({ userName: 'counter', accessToken: 'at-counter', expiresAt: 0 });

    const startAt = String(Date.now() + 1500);
    const children = Array.from({ length: PROCESSES }, (_, p) =>
      run(process.execPath, [CHILD, url, TEST_DATABASE, collection, String(p), startAt], { timeout: 60_000 }),
    );
    const summaries = (await Promise.all(children)).map((c) => JSON.parse(c.stdout));
    expect(summaries).toEqual(Array.from({ length: PROCESSES }, () => ({ saved: SAVES, failures: [] })));

    // Per process: a third of the saves are its own users; shared: one user, one refresh token, the counter.
    expect(await store.getTokens()).toHaveLength((PROCESSES * SAVES) / 3 + 3);
    expect((await store.findToken({ userName: 'counter' }))?.expiresAt).toBe(PROCESSES * INCREMENTS);
    const writes = Array.from({ length: PROCESSES }, (_, p) =>
      Array.from({ length: SAVES }, (_, i) => tokenFor(p, i)),
    ).flat();
    for (const query of [
      { userName: 'shared-user' },
      { refreshToken: 'shared-rt', clientId: 'client-1', clientSecret: 'cs' },
    ]) {
      const { id: _id, ...fields } = { ...(await store.findToken(query)) };
      expect(writes).toContainEqual(fields);
    }
  }, 60_000);
});
