// Child process of the conformance kit's multi-process group (src/conformance/processes.ts). It opens its
// own instance of the adapter's store on the namespace under test, through the module the adapter names
// (its built package, as users import it), and runs its share of the work. Plain JavaScript: it runs in
// a bare `node`, without vitest or a TypeScript loader.
//
// argv[2]: JSON { module, exportName, options, startAt, saves: OAuthToken[], lock?: { key, userName,
//   increments } }. Prints one JSON line { saved, increments, failures } and exits 1 if anything failed.
import { setTimeout as sleep } from 'node:timers/promises';
import { withLock } from '../dist/index.js';

const job = JSON.parse(process.argv[2]);
const failures = [];
// A failed save prints its code and message only: stores keep secrets out of their error messages.
const failed = (what) => (error) => {
  failures.push(`${what}: ${error?.code ?? error?.name}: ${error?.message}`);
};

const exported = (await import(job.module))[job.exportName];
if (typeof exported !== 'function') {
  throw new Error(`${job.module} has no class export named "${job.exportName}"`);
}
const store = new exported(job.options);
// Connect (or open the file) before the common start, so the saves of all processes overlap.
await store.findToken({ userName: 'conformance-warm-up' });
await sleep(Math.max(0, job.startAt - Date.now()));

let saved = 0;
const saves = job.saves.map((token, i) =>
  store.saveToken(token).then(
    () => {
      saved++;
    },
    failed(`save ${i}`),
  ),
);

let increments = 0;
async function increment() {
  const { key, userName } = job.lock;
  await withLock(store.locks, key, async () => {
    const current = await store.findToken({ userName });
    // Widens the read-modify-write window: without mutual exclusion, updates are lost.
    await sleep(2);
    await store.saveToken({ userName, expiresAt: current.expiresAt + 1 });
  });
  increments++;
}
const locked = Array.from({ length: job.lock?.increments ?? 0 }, (_, i) =>
  increment().catch(failed(`increment ${i}`)),
);

await Promise.all([...saves, ...locked]);
await store.close();
process.stdout.write(`${JSON.stringify({ saved, increments, failures })}\n`);
process.exitCode = failures.length ? 1 : 0;
