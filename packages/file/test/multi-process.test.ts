// Several processes writing one file: the lock serialises their read-modify-write cycles, so no save is
// lost and identities that all of them save stay one token each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FileTokenStore } from '../src/index.js';
import { tempDir } from './temp-store.js';
import { startWriter } from './writer-process.js';

it('4 processes x 50 saves on one file keep every token, and shared identities once', {
  timeout: 60_000,
}, async () => {
  const path = join(tempDir(), 'tokens.json');
  const writers = ['w0', 'w1', 'w2', 'w3'].map((name) => startWriter(path, 'batch', name));
  const exits = await Promise.all(writers.map((w) => w.exited));
  expect(exits.map((e) => [e.code, e.stderr])).toEqual(writers.map(() => [0, '']));

  const store = new FileTokenStore({ path });
  const tokens = await store.getTokens();
  await store.close();
  // 4 x 40 own tokens + 10 shared users.
  expect(tokens).toHaveLength(170);
  const byUser = new Map(tokens.map((t) => [t.userName, t]));
  expect(byUser.size).toBe(170);
  for (const w of writers) {
    expect(w.saves).toHaveLength(50);
    for (const save of w.saves.filter((s) => !s.userName.startsWith('shared-'))) {
      expect(byUser.get(save.userName)).toMatchObject({ id: save.id, accessToken: save.accessToken });
    }
  }
  for (let i = 0; i < 10; i++) {
    const shared = byUser.get(`shared-${i}`);
    // One token, one id for all four writers, holding the access token of one of them.
    expect(
      new Set(writers.flatMap((w) => w.saves.filter((s) => s.userName === `shared-${i}`).map((s) => s.id))),
    ).toEqual(new Set([shared!.id]));
    expect(['w0', 'w1', 'w2', 'w3'].map((n) => `at-shared-${i}-${n}`)).toContain(shared!.accessToken);
  }
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { tokens: unknown[] };
  expect(raw.tokens).toHaveLength(170);
});
