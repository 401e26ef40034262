// A writer killed with SIGKILL at random moments, 20 times: the file always parses, every save the
// writer had seen resolve is in it, and each next writer gets past the dead writer's stale lock.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { FileTokenStore } from '../src/index.js';
import { tempDir } from './temp-store.js';
import { type ReportedSave, startWriter } from './writer-process.js';

const KILLS = 20;
const STALE_MS = 2000; // proper-lockfile's floor: each dead writer's lock blocks the next one for 1-2 s.

it(`a writer killed ${KILLS} times with SIGKILL never leaves a broken file or loses a resolved save`, {
  timeout: 150_000,
}, async () => {
  const dir = tempDir();
  const path = join(dir, 'tokens.json');
  const resolved: ReportedSave[] = [];
  let staleLocks = 0;
  let leftovers = 0;

  // A lock-free reader all along: a reader sees the old or the new file, never a torn one.
  let unreadable = 0;
  let reads = 0;
  let reading = true;
  const reader = (async () => {
    while (reading) {
      if (existsSync(path)) {
        try {
          JSON.parse(readFileSync(path, 'utf8'));
        } catch {
          unreadable++;
        }
        reads++;
      }
      await sleep(15);
    }
  })();

  for (let run = 0; run < KILLS; run++) {
    const writer = startWriter(path, `run${run}`, STALE_MS);
    // The first save proves this writer got past the previous one's stale lock.
    await writer.savedAtLeast(1);
    await sleep(Math.random() * 300);
    writer.child.kill('SIGKILL');
    const exit = await writer.exited;
    expect(exit.signal).toBe('SIGKILL');
    resolved.push(...writer.saves);
    if (existsSync(`${path}.lock`)) staleLocks++;
    leftovers += readdirSync(dir).filter((n) => n.endsWith('.tmp')).length > 0 ? 1 : 0;

    const file = JSON.parse(readFileSync(path, 'utf8')) as { tokens: { id: string; accessToken: string }[] };
    const stored = new Map(file.tokens.map((t) => [t.id, t.accessToken]));
    const missing = resolved.filter((s) => stored.get(s.id) !== s.accessToken);
    expect(missing, `after kill ${run + 1}`).toEqual([]);
  }
  reading = false;
  await reader;
  expect(unreadable).toBe(0);
  expect(reads).toBeGreaterThan(0);

  // A store in this process also recovers the last dead writer's lock, and sweeps the temp files that
  // killed writers left mid-write.
  const store = new FileTokenStore({ path, lockStaleMs: STALE_MS });
  await store.saveToken({ userName: 'after-the-kills', accessToken: 'at-after' });
  const tokens = await store.getTokens();
  await store.close();
  // Every token is one a writer saved (some were committed but killed before they were reported), once.
  const names = tokens.map((t) => t.userName!);
  expect(new Set(names).size).toBe(names.length);
  expect(names.filter((n) => !/^run\d+-\d+$/.test(n))).toEqual(['after-the-kills']);
  expect(readdirSync(dir)).toEqual(['tokens.json']);
  console.log(
    `${KILLS} kills: ${staleLocks} left a held lock behind, ${leftovers} left temp files; ${resolved.length} resolved saves kept, ${reads} lock-free reads parsed`,
  );
});
