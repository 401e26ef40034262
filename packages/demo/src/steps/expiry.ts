// Step 3: the access token really expires (the server issues short-lived ones and the demo waits), then
// 20 callers ask for it at once, in 2 processes when the store holds locks across processes: the server
// must see exactly one refresh, and every caller must get the same new token.
import { setTimeout as sleep } from 'node:timers/promises';
import { hasLocks } from '@tokens/core';
import { fingerprint } from '../fingerprint.js';
import { callApi, createManager } from '../oauth-setup.js';
import { check, seconds } from '../report.js';
import { type CallerResult, digest, startWorker } from '../worker.js';
import { type DemoContext, storedToken } from './context.js';

const CALLERS = 20;

export async function expiry(context: DemoContext): Promise<void> {
  const { server, report, accessTtlSeconds } = context;
  const old = await storedToken(context);
  check(old?.accessToken !== undefined && old.expiresAt !== undefined, 'the token is no longer in the store');
  const waitMs = Math.max(0, old.expiresAt - Date.now()) + 50;
  report.detail(
    `the server issues ${accessTtlSeconds}-second access tokens: waiting ${seconds(waitMs)} until the stored one expires`,
  );
  await sleep(waitMs);
  // Expiry is the client's judgement (expiresAt); oidc-provider itself would still accept the token for its
  // 15 s clock-skew tolerance, so the demo does not ask the server about the old token.
  report.detail(`expired: the stored token's expiresAt passed ${seconds(Date.now() - old.expiresAt)} ago`);
  const refreshesBefore = server.tokenCalls('refresh_token');
  const { results, took } = await callConcurrently(context);
  const refreshes = server.tokenCalls('refresh_token') - refreshesBefore;
  const failures = results.filter((r) => 'error' in r);
  check(failures.length === 0, `${failures.length} caller(s) failed: ${JSON.stringify(failures[0])}`);
  const digests = new Set(results.map((r) => ('digest' in r ? r.digest : '')));
  const fresh = await storedToken(context);
  check(fresh?.accessToken !== undefined, 'the refreshed token is not in the store');
  report.detail(
    `refreshes seen by the server for these ${CALLERS} callers: ${refreshes} (callers done in ${seconds(took)})`,
  );
  check(refreshes === 1, `expected exactly 1 refresh, the server saw ${refreshes}`);
  check(
    digests.size === 1 && digests.has(digest(fresh.accessToken)),
    `the callers got ${digests.size} different tokens`,
  );
  check(fresh.accessToken !== old.accessToken, 'the access token did not change');
  report.detail(
    `all ${CALLERS} callers got the same new access token ${fingerprint(fresh.accessToken)}, now in the store`,
  );
  report.detail(
    `the refresh token rotated: ${fingerprint(old.refreshToken)} -> ${fingerprint(fresh.refreshToken)}`,
  );
  const accepted = await callApi(server, fresh.accessToken);
  report.detail(`the server's API accepts the new access token: HTTP ${accepted.status}`);
  check(accepted.status === 200, `the new access token is refused (HTTP ${accepted.status})`);
}

/** 2 x 10 callers: in two worker processes when the store can lock across processes, else here. */
async function callConcurrently(context: DemoContext): Promise<{ results: CallerResult[]; took: number }> {
  const { server, target, store, userName, report } = context;
  const half = CALLERS / 2;
  if (target.shared && hasLocks(store)) {
    const workers = [0, 1].map(() =>
      startWorker({ target, settings: server.settings, userName, callers: half }),
    );
    try {
      // Both processes have opened the store and met the server before either starts: the calls overlap.
      await Promise.all(workers.map((w) => w.ready));
      report.detail(
        `${CALLERS} concurrent getAccessToken() callers: ${half} in process ${workers[0]!.pid}, ${half} in process ${workers[1]!.pid}`,
      );
      const started = performance.now();
      const outputs = await Promise.all(workers.map((w) => w.go()));
      return { results: outputs.flatMap((o) => o.results), took: performance.now() - started };
    } finally {
      for (const worker of workers) worker.kill();
    }
  }
  const why = target.shared
    ? 'this store has no locks across processes'
    : 'a MemoryTokenStore lives in one process';
  report.detail(
    `${CALLERS} concurrent getAccessToken() callers, ${half} on each of 2 TokenManagers in this process (${why})`,
  );
  const managers = [createManager(store, server.settings), createManager(store, server.settings)];
  const started = performance.now();
  const results = await Promise.all(
    managers.flatMap((manager) =>
      Array.from({ length: half }, () =>
        manager.getAccessToken(userName).then(
          (token): CallerResult => ({ digest: digest(token) }),
          (error: Error): CallerResult => ({ error: error.message }),
        ),
      ),
    ),
  );
  return { results, took: performance.now() - started };
}
