// A writer frozen mid-operation (SIGSTOP: a VM pause, a laptop lid, a debugger) for longer than the
// stale time: another writer takes its lock over and saves; when the frozen writer wakes up, it must not
// overwrite that save. Its operation in flight fails with UNAVAILABLE, or had not read the file yet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { FileTokenStore } from '../src/index.js';
import { tempDir } from './temp-store.js';
import { startWriter } from './writer-process.js';

const STALE_MS = 2000;
const ROUNDS = 4;

it('a writer frozen past the stale time never overwrites the saves of the writer that took its lock over', {
  timeout: 90_000,
}, async () => {
  const path = join(tempDir(), 'tokens.json');
  const store = new FileTokenStore({ path, lockStaleMs: STALE_MS });
  const ours: string[] = [];
  const frozen = startWriter(path, 'frozen', STALE_MS);
  await frozen.savedAtLeast(1);
  for (let round = 0; round < ROUNDS; round++) {
    await sleep(Math.random() * 200);
    frozen.child.kill('SIGSTOP');
    // The frozen writer usually holds the lock now (it spends most of its time in the critical section).
    const saved = await store.saveToken({ userName: `ours-${round}`, accessToken: `at-ours-${round}` });
    ours.push(saved.id);
    frozen.child.kill('SIGCONT');
    const before = frozen.saves.length;
    await frozen.savedAtLeast(before + 2);
  }
  frozen.child.kill('SIGTERM');
  await frozen.exited;

  const stored = new Map(
    (JSON.parse(readFileSync(path, 'utf8')) as { tokens: { id: string; accessToken: string }[] }).tokens.map(
      (t) => [t.id, t.accessToken],
    ),
  );
  expect(ours.filter((id) => !stored.has(id))).toEqual([]);
  expect(frozen.saves.filter((s) => stored.get(s.id) !== s.accessToken)).toEqual([]);
  // Failures of the woken writer's operation in flight are retryable, never anything else.
  expect(frozen.failures.filter((code) => code !== 'UNAVAILABLE')).toEqual([]);
  console.log(
    `${ROUNDS} freezes: the woken writer's operation failed with UNAVAILABLE ${frozen.failures.length} times`,
  );
  await store.close();
});
