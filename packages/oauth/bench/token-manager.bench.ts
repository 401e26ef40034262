// getAccessToken on a fresh token (no refresh, no HTTP): the cost the manager adds over the store's
// findToken, on MemoryTokenStore and on SQLite when @tokens/sqlite is built. Figures are printed, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTokenStore, type TokenStore } from '@tokens/core';
import { afterAll, bench, describe } from 'vitest';
import { TokenManager } from '../src/index.js';

async function sqliteStore(): Promise<TokenStore | undefined> {
  try {
    const { SqliteTokenStore } = await import('@tokens/sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'oauth-bench-'));
    const store = new SqliteTokenStore({ filename: join(dir, 'tokens.db') });
    afterAll(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return store;
  } catch {
    console.log('[bench] SQLite skipped: @tokens/sqlite is not built');
    return undefined;
  }
}

const stores: [string, TokenStore | undefined][] = [
  ['MemoryTokenStore', new MemoryTokenStore()],
  ['SqliteTokenStore', await sqliteStore()],
];

for (const [name, store] of stores) {
  if (!store) continue;
  // The provider is never called: the token stays fresh for the whole run.
  const manager = new TokenManager({
    store,
    provider: { tokenEndpoint: 'http://127.0.0.1:9/never-called', allowInsecureRequests: true },
    clientId: 'bench-client',
    clientSecret: 'bench-secret',
  });
  const saved = await store.saveToken({
    userName: 'bench@example.com',
    clientId: 'bench-client',
    clientSecret: 'bench-secret',
    accessToken: 'bench-access',
    refreshToken: 'bench-refresh',
    expiresAt: Date.now() + 24 * 3600_000,
  });
  describe(`${name}: getAccessToken on a fresh token`, () => {
    bench('by userName', async () => {
      await manager.getAccessToken('bench@example.com');
    });
    bench('by id', async () => {
      await manager.getAccessToken({ id: saved.id });
    });
    bench('store.findToken alone (baseline)', async () => {
      await store.findToken({ userName: 'bench@example.com' });
    });
  });
}
