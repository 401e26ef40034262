// The contract, checked by the shared kit against real files: each case gets a new file in a new temp dir.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeConformance } from '@tokens/core/conformance';
import { FileTokenStore } from '../src/index.js';

describeConformance<FileTokenStore>({
  name: 'FileTokenStore',
  create: () =>
    new FileTokenStore({ path: join(mkdtempSync(join(tmpdir(), 'tokens-file-')), 'tokens.json') }),
  reopen: (store) => new FileTokenStore({ path: store.path }),
  // The token entries as the file holds them, read without the store.
  raw: (store) =>
    existsSync(store.path)
      ? (JSON.parse(readFileSync(store.path, 'utf8')) as { tokens: unknown[] }).tokens
      : [],
  destroy: (store) => rmSync(dirname(store.path), { recursive: true, force: true }),
  capabilities: { locks: true },
});
