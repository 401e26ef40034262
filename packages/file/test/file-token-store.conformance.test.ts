// The contract, checked by the shared kit against real files: each case gets a new file in a new temp dir.
// The kit's child processes open that file through the built package (dist/, built by the global setup).
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
  processes: {
    module: import.meta.resolve('@tokens/file'),
    exportName: 'FileTokenStore',
    options: (store) => ({ path: store.path }),
  },
  capabilities: { locks: true },
});
