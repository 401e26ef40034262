// Figures for the file store on real files in the OS temp dir: one file of 100 tokens, one of 10 000.
// Every operation reads the whole file (there is no cache), and every write rewrites and fsyncs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { FileTokenStore } from '../src/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function filledStore(count: number): Promise<FileTokenStore> {
  const dir = mkdtempSync(join(tmpdir(), 'tokens-bench-'));
  dirs.push(dir);
  const store = new FileTokenStore({ path: join(dir, 'tokens.json') });
  // One write of the whole set (through the store, so the file is exactly what it writes).
  await store.saveToken({ userName: 'seed', accessToken: 'at-seed' });
  const { writeFileSync, readFileSync } = await import('node:fs');
  const doc = JSON.parse(readFileSync(store.path, 'utf8'));
  for (let i = 0; i < count - 1; i++) {
    doc.tokens.push({
      id: `tok${i}`,
      userName: `user${i}@example.com:1234`,
      clientId: '1000.CLIENT',
      clientSecret: 'client-secret',
      accessToken: `1000.access.${i}.${'x'.repeat(60)}`,
      refreshToken: `1000.refresh.${i}.${'y'.repeat(60)}`,
      expiresAt: 1_800_000_000_000 + i,
      apiDomain: 'https://www.zohoapis.com',
    });
  }
  writeFileSync(store.path, JSON.stringify(doc), { mode: 0o600 });
  return store;
}

for (const count of [100, 10_000]) {
  const store = await filledStore(count);
  const middle = `user${Math.floor(count / 2)}@example.com:1234`;
  let n = 0;
  describe(`${count} tokens in the file`, () => {
    bench('saveToken (update of an existing user)', async () => {
      await store.saveToken({ userName: middle, accessToken: `1000.access.fresh.${n++}` });
    });
    bench('findToken (by userName)', async () => {
      await store.findToken({ userName: middle });
    });
    bench('findTokenById', async () => {
      await store.findTokenById(`tok${Math.floor(count / 3)}`);
    });
    bench('getTokens', async () => {
      await store.getTokens();
    });
    bench('locks.tryAcquire + release', async () => {
      await store.locks.tryAcquire('refresh', 'bench', 30_000);
      await store.locks.release('refresh', 'bench');
    });
  });
}
