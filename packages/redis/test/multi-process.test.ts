// Several processes on one prefix, each with its own store and connection, through the built package:
// saves of shared identities race in the scripts, increments race for a lease. No duplicate, no torn
// token, no stale index entry, no lost update.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { suiteTitle, testService } from '@tokens/testing';
import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
// @ts-expect-error: a plain .mjs fixture without types; tokenFor is what every child saved.
import { INCREMENTS, SAVES, tokenFor } from './fixtures/save-many.mjs';
import { deletePrefix, randomPrefix } from './support/raw-redis.js';

const run = promisify(execFile);
const service = testService('redis');
const PROCESSES = 4;
const CHILD = fileURLToPath(new URL('fixtures/save-many.mjs', import.meta.url));

describe.skipIf(!service.url)(suiteTitle('RedisTokenStore from several processes', service), () => {
  it(`${PROCESSES} processes x ${SAVES} saves and ${INCREMENTS} locked increments each`, async () => {
    const url = service.url!;
    const prefix = randomPrefix('procs');
    const raw = new Redis(url);
    const store = new RedisTokenStore({ url, prefix });
    onTestFinished(async () => {
      await store.close();
      await deletePrefix(raw, prefix);
      await raw.quit();
    });
    await store.saveToken({ userName: 'counter', accessToken: 'at-counter', expiresAt: 0 });

    const startAt = String(Date.now() + 1500);
    const children = Array.from({ length: PROCESSES }, (_, p) =>
      run(process.execPath, [CHILD, url, prefix, String(p), startAt], { timeout: 60_000 }),
    );
    const summaries = (await Promise.all(children)).map((c) => JSON.parse(c.stdout));
    expect(summaries).toEqual(Array.from({ length: PROCESSES }, () => ({ saved: SAVES, failures: [] })));

    const all = await store.getTokens();
    // Per process: 3 of every 5 saves are its own users; shared: 2 users, 1 refresh token, the counter.
    expect(all).toHaveLength((PROCESSES * SAVES * 3) / 5 + 4);
    expect((await store.findToken({ userName: 'counter' }))?.expiresAt).toBe(PROCESSES * INCREMENTS);

    const writes = Array.from({ length: PROCESSES }, (_, p) =>
      Array.from({ length: SAVES }, (_, i) => tokenFor(p, i)),
    ).flat();
    const shared = { refreshToken: 'shared-rt', clientId: 'client-1', clientSecret: 'cs' };
    for (const query of [{ userName: 'shared-0' }, { userName: 'shared-1' }, shared]) {
      const { id: _id, ...fields } = { ...(await store.findToken(query)) };
      expect(writes).toContainEqual(fields);
    }

    // Every index entry points to a token holding that value, and every token's values are indexed.
    for (const [column, field] of [
      ['user_name', 'userName'],
      ['access_token', 'accessToken'],
      ['refresh_token', 'refreshToken'],
    ] as const) {
      const index = await raw.hgetall(`{${prefix}}:index:${column}`);
      const held = Object.fromEntries(all.filter((t) => t[field]).map((t) => [t[field], t.id]));
      expect(index).toEqual(held);
    }
  }, 60_000);
});
