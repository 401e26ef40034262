// Runs `workers` x `callers` concurrent getAccessToken calls for one user: in child processes importing the
// built package when the store case says so, else with one TokenManager (and store instance) per worker here.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { OidcServer } from '@tokens/oidc-server';
import type { TokenManagerError } from '../../src/index.js';
import { managerFor } from './logged-in.js';
import type { ChildStoreSpec, PreparedStore } from './store-cases.js';

/** A caller's outcome: the SHA-256 of the access token it got, or the error code it got. */
export type CallResult = { token: string } | { error: string; message: string };

export const digest = (text: string) => createHash('sha256').update(text).digest('hex');

const WORKER = fileURLToPath(new URL('../fixtures/refresh-worker.mjs', import.meta.url));

export async function runCallers(
  server: OidcServer,
  prepared: PreparedStore,
  userName: string,
  { workers = 4, callers = 25 } = {},
): Promise<CallResult[]> {
  if (prepared.child) return inChildren(server, prepared.child, userName, workers, callers);
  const managers = await Promise.all(
    Array.from({ length: workers }, async () => managerFor(server, await prepared.open())),
  );
  const calls = managers.flatMap((manager) =>
    Array.from({ length: callers }, () =>
      manager.getAccessToken(userName).then(
        (token): CallResult => ({ token: digest(token) }),
        (error: TokenManagerError): CallResult => ({ error: error.code, message: error.message }),
      ),
    ),
  );
  return Promise.all(calls);
}

async function inChildren(
  server: OidcServer,
  store: ChildStoreSpec,
  userName: string,
  workers: number,
  callers: number,
): Promise<CallResult[]> {
  const config = {
    store,
    issuer: server.issuer,
    manager: { clientId: server.client.clientId, clientSecret: server.client.clientSecret },
    userName,
    callers,
  };
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, [WORKER], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, REFRESH_WORKER: JSON.stringify(config) },
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const outputs = children.map((child) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    return { child, text: () => out };
  });
  // Every worker has loaded its modules and opened the store before any calls: the calls overlap.
  await Promise.all(
    outputs.map(async ({ child, text }) => {
      while (!text().includes('ready\n')) {
        if (child.exitCode !== null) throw new Error(`a worker exited early with code ${child.exitCode}`);
        await once(child.stdout, 'data');
      }
    }),
  );
  for (const { child } of outputs) child.stdin.end('go\n');
  const results = await Promise.all(
    outputs.map(async ({ child, text }) => {
      const [code] = (await once(child, 'exit')) as [number];
      if (code !== 0) throw new Error(`a worker exited with code ${code}`);
      const last = text().trim().split('\n').pop() ?? '[]';
      return JSON.parse(last) as CallResult[];
    }),
  );
  return results.flat();
}
