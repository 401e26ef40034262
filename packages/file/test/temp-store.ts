// Test support: token files in fresh temp directories, removed when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { FileTokenStore, type FileTokenStoreOptions } from '../src/index.js';

/** A new empty directory under the OS temp dir, removed after the current test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokens-file-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store on `tokens.json` in a new temp dir, closed after the current test. */
export function tempStore(options: Partial<FileTokenStoreOptions> = {}): FileTokenStore {
  const store = new FileTokenStore({ path: join(tempDir(), 'tokens.json'), ...options });
  onTestFinished(() => store.close());
  return store;
}
