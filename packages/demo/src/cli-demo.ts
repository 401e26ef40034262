// The terminal demo: starts the local OAuth server, opens the store, runs the four steps, prints a summary,
// and leaves nothing behind (server closed, worker processes gone, the default store's temp dir removed).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { hasLocks } from '@tokens/core';
import { createManager, startDemoServer } from './oauth-setup.js';
import { openStore, type StoreTarget } from './open-store.js';
import { type Report, seconds } from './report.js';
import type { DemoContext } from './steps/context.js';
import { expiry } from './steps/expiry.js';
import { logIn } from './steps/log-in.js';
import { newProcess } from './steps/new-process.js';
import { revocation } from './steps/revocation.js';

export interface CliDemoOptions {
  target: StoreTarget;
  accessTtlSeconds: number;
  report: Report;
}

export async function runCliDemo({ target, accessTtlSeconds, report }: CliDemoOptions): Promise<void> {
  const started = performance.now();
  // The redirect URI is never served: the demo drives the login itself and stops at the redirect.
  const server = await startDemoServer({
    redirectUri: 'http://127.0.0.1/callback',
    accessTokenTtlSeconds: accessTtlSeconds,
  }).catch((error: unknown) => {
    removeTempDir(target);
    throw error;
  });
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  // A fresh store gets the plain name; a store of yours gets a name of its own, so no token of yours is touched.
  const userName =
    target.tempDir || !target.shared
      ? 'ada@example.com'
      : `demo-${randomBytes(3).toString('hex')}@example.com`;
  try {
    report.line('tokens demo: an OAuth token from login to revocation, kept in a token store');
    report.line(`store:        ${target.description}${target.tempDir ? ', removed at the end' : ''}`);
    report.line(
      `OAuth server: ${server.settings.issuer} (oidc-provider on this machine; access tokens live ${accessTtlSeconds} s, refresh tokens rotate)`,
    );
    report.line(`user:         ${userName}`);
    store = await openStore(target);
    const locks = !hasLocks(store)
      ? 'without locks'
      : target.shared
        ? 'with locks across processes'
        : 'with locks in this process';
    report.line(`store type:   ${store.constructor.name} (${locks})`);
    const context: DemoContext = {
      server,
      target,
      store,
      manager: createManager(store, server.settings),
      userName,
      accessTtlSeconds,
      report,
    };
    await report.step('Log in: authorization code + PKCE, tokens saved', server, () => logIn(context));
    await report.step('A new process finds the tokens, with no login', server, () => newProcess(context));
    await report.step('Expiry: 20 concurrent callers, one refresh', server, () => expiry(context));
    await report.step('Revocation: token gone, and rejected by the server', server, () =>
      revocation(context),
    );
    report.line('');
    const code = server.tokenCalls('authorization_code');
    const refresh = server.tokenCalls('refresh_token');
    report.line(
      `Done in ${seconds(performance.now() - started)}. Token-endpoint calls: ${server.tokenCalls()} ` +
        `(${code} authorization_code, ${refresh} refresh_token: the one refresh, and the rejected revoked token).`,
    );
  } finally {
    if (store) {
      // After a failure, the demo's token must not stay behind in a store of yours.
      await store
        .findToken({ userName })
        .then((left) => (left ? store?.deleteToken(left.id) : undefined))
        .catch(() => undefined);
      await store.close().catch(() => undefined);
    }
    await server.close();
    removeTempDir(target);
  }
}

/** Removes the default store's temp dir (a store you named is left where it is). */
export function removeTempDir(target: StoreTarget): void {
  if (target.tempDir) rmSync(target.tempDir, { recursive: true, force: true });
}
