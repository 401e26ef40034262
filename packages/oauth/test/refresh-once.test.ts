// Exactly one refresh: 4 workers x 25 concurrent callers on an expired token, sharing one store, make the
// server see ONE refresh_token grant. MemoryTokenStore runs 4 TokenManagers in this process (one
// MemorySpace); file-backed stores run 4 child processes that import the built package.
import type { OidcServer } from '@tokens/oidc-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CallResult, digest, runCallers } from './support/callers.js';
import { logIn, managerFor, randomUser, withServer } from './support/logged-in.js';
import { type PreparedStore, STORE_CASES } from './support/store-cases.js';

const WORKERS = 4;
const CALLERS = 25;

for (const storeCase of STORE_CASES) {
  const where =
    storeCase.name === 'MemoryTokenStore' ? `${WORKERS} managers in one process` : `${WORKERS} processes`;
  const title = `refresh once: ${storeCase.name}, ${where} x ${CALLERS} callers`;
  describe.skipIf(storeCase.skipReason !== undefined)(
    storeCase.skipReason ? `${title} — skipped: ${storeCase.skipReason}` : title,
    () => {
      let server: OidcServer;
      let prepared: PreparedStore;
      beforeEach(async () => {
        server = await withServer();
        prepared = await storeCase.prepare();
      });
      afterEach(async () => {
        await server.close();
        await prepared.cleanup();
      });

      it('an expired token: the server sees exactly one refresh, every caller gets the new access token', async () => {
        const store = await prepared.open();
        const manager = managerFor(server, store);
        const userName = randomUser();
        const before = await logIn(server, manager, userName);
        await store.saveToken({ id: before.id, expiresAt: Date.now() - 1000 });

        const results = await runCallers(server, prepared, userName, { workers: WORKERS, callers: CALLERS });

        const refreshes = server.log.count({ grantType: 'refresh_token' });
        console.log(`[refresh-once] ${storeCase.name}: ${results.length} callers, ${refreshes} refresh`);
        expect(refreshes).toBe(1);
        const after = await store.findTokenById(before.id);
        expect(after?.accessToken).not.toBe(before.accessToken);
        expect(results).toEqual(
          Array(WORKERS * CALLERS).fill({ token: digest(after?.accessToken as string) }),
        );
        // The rotated refresh token was persisted, and the server now rejects the old one.
        expect(after?.refreshToken).toBeTruthy();
        expect(after?.refreshToken).not.toBe(before.refreshToken);
        expect(await server.tryRefresh(before.refreshToken as string)).toMatchObject({
          error: 'invalid_grant',
        });
        await store.close();
      });

      it('a revoked refresh token: every caller gets LOGIN_REQUIRED from one failed refresh, and later calls send nothing', async () => {
        const store = await prepared.open();
        const manager = managerFor(server, store);
        const userName = randomUser();
        const before = await logIn(server, manager, userName);
        expect(await server.revokeDirectly(before.refreshToken as string)).toBe(200);
        await store.saveToken({ id: before.id, expiresAt: Date.now() - 1000 });

        const results = await runCallers(server, prepared, userName, { workers: WORKERS, callers: CALLERS });

        const failed = server.log.count({ grantType: 'refresh_token', ok: false });
        console.log(
          `[refresh-once] ${storeCase.name}: ${results.length} callers on a revoked refresh token, ${failed} failed refresh`,
        );
        expect(results.map((r: CallResult) => ('error' in r ? r.error : 'token'))).toEqual(
          Array(WORKERS * CALLERS).fill('LOGIN_REQUIRED'),
        );
        expect(server.log.count({ grantType: 'refresh_token' })).toBe(1);
        expect(server.log.requests.at(-1)).toMatchObject({
          grantType: 'refresh_token',
          error: 'invalid_grant',
        });
        for (let i = 0; i < 3; i++) {
          await expect(manager.getAccessToken(userName)).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' });
        }
        expect(server.log.count({ grantType: 'refresh_token' })).toBe(1);
        expect(await store.findTokenById(before.id)).toBeUndefined();
        await store.close();
      });
    },
  );
}
