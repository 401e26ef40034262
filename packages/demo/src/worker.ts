// The demo's other processes. The CLI starts its own entry again with a hidden subcommand (`__worker`);
// the worker opens the same store, builds its own TokenManager, says `ready`, waits for `go` on stdin,
// asks for the access token `callers` times at once, and prints one JSON line with what it got: the
// tokens' SHA-256 digests, never the tokens.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createManager, type ManagerSettings } from './oauth-setup.js';
import { openStore, type StoreTarget } from './open-store.js';

export const WORKER_COMMAND = '__worker';
const ENV = 'TOKENS_DEMO_WORKER';
const TIMEOUT_MS = 30_000;

export interface WorkerJob {
  target: Pick<StoreTarget, 'kind' | 'url'>;
  settings: ManagerSettings;
  userName: string;
  callers: number;
}

export type CallerResult = { digest: string } | { error: string };

export interface WorkerOutput {
  pid: number;
  results: CallerResult[];
}

export const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The worker's side: runs in the child process. */
export async function workerMain(): Promise<void> {
  const job = JSON.parse(process.env[ENV] ?? '{}') as WorkerJob;
  const store = await openStore(job.target as StoreTarget);
  try {
    const manager = createManager(store, job.settings);
    // Discovery now, so that after `go` the callers race for the token and nothing else.
    await manager.createAuthorizationRequest();
    process.stdout.write('ready\n');
    // `go` arrives on stdin; its end without `go` means the demo is gone (interrupted): then just leave.
    const stdin = process.stdin.setEncoding('utf8');
    const go = await Promise.race([
      once(stdin, 'data').then(() => true),
      once(stdin, 'end').then(() => false),
    ]);
    if (!go) return;
    const results = await Promise.all(
      Array.from({ length: job.callers }, () =>
        manager.getAccessToken(job.userName).then(
          (token): CallerResult => ({ digest: digest(token) }),
          (error: { code?: string; message?: string }): CallerResult => ({
            error: `${error.code}: ${error.message}`,
          }),
        ),
      ),
    );
    process.stdout.write(`${JSON.stringify({ pid: process.pid, results } satisfies WorkerOutput)}\n`);
  } finally {
    await store.close();
  }
}

export interface WorkerProcess {
  readonly pid: number;
  /** Resolves once the worker has opened the store and met the server. */
  readonly ready: Promise<void>;
  /** Lets its callers go; resolves with their results when the worker has exited. */
  go(): Promise<WorkerOutput>;
  kill(): void;
}

/** Starts a worker process (this same CLI file) for `job`. The client secret travels in its env only. */
export function startWorker(job: WorkerJob): WorkerProcess {
  const entry = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [entry, WORKER_COMMAND], {
    env: { ...process.env, [ENV]: JSON.stringify(job) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  const exited = once(child, 'exit').then(([code, signal]) => {
    clearTimeout(timer);
    if (code !== 0) {
      const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
      throw new Error(`worker process ${child.pid} ${why}: ${errorLines(err)}`);
    }
  });
  exited.catch(() => undefined); // observed through `ready` and `go`
  const ready = (async () => {
    while (!out.includes('ready\n')) {
      await Promise.race([
        once(child.stdout, 'data'),
        exited.then(() => Promise.reject(new Error('worker exited before ready'))),
      ]);
    }
  })();
  ready.catch(() => undefined);
  return {
    pid: child.pid ?? 0,
    ready,
    async go() {
      await ready;
      child.stdin.end('go\n');
      await exited;
      const last = out.trim().split('\n').pop() ?? '';
      return JSON.parse(last) as WorkerOutput;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** The lines of a worker's stderr that say what went wrong (an uncaught error prints its source line first). */
function errorLines(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const errors = lines.filter((line) => /error|failed/i.test(line) && !line.startsWith('at '));
  return (errors.length > 0 ? errors.slice(0, 3) : lines.slice(-3)).join(' | ');
}
