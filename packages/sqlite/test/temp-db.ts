// Temporary database files for the tests: one folder per test file, removed when the file's tests end.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Call at a test file's top level: returns a maker of fresh database paths in a folder removed afterAll. */
export function tempDatabases(label: string): () => string {
  const dir = mkdtempSync(join(tmpdir(), `tokens-sqlite-${label}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => join(dir, `${randomUUID()}.db`);
}

/** Deletes a database file and its WAL companions. */
export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

export const FIXTURES = new URL('./fixtures/', import.meta.url);
