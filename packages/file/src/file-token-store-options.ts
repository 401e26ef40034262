// The options of FileTokenStore, checked once when the store is made.
import { resolve } from 'node:path';
import { TokenStoreError } from '@tokens/core';
import { MIN_STALE_MS } from './file-lock.js';

export interface FileTokenStoreOptions {
  /** The token file. A relative path is resolved against the working directory when the store is made. */
  path: string;
  /**
   * How long (ms) the lock of a writer that died stays in force before another writer takes it over.
   * A live writer refreshes its lock every quarter of this. At least 2000. Default 5000.
   */
  lockStaleMs?: number;
  /**
   * How long (ms) an operation waits for the file lock before it fails with `UNAVAILABLE`, counted from the
   * call (time queued behind this process's other writes of the file included). Default 10 000.
   */
  lockWaitMs?: number;
}

export interface ResolvedFileOptions {
  path: string;
  lockStaleMs: number;
  lockWaitMs: number;
}

function refuse(message: string): TokenStoreError {
  return new TokenStoreError('INVALID_ARGUMENT', message, {
    store: 'FileTokenStore',
    operation: 'constructor',
  });
}

export function resolveFileOptions(options: FileTokenStoreOptions): ResolvedFileOptions {
  if (typeof options !== 'object' || options === null) throw refuse('options with a path are required');
  const { path, lockStaleMs = 5000, lockWaitMs = 10_000 } = options;
  if (typeof path !== 'string' || path === '' || path.includes('\u0000')) {
    throw refuse('path must be a non-empty string without NUL characters');
  }
  if (/[\\/]$/.test(path)) throw refuse('path must name a file, not a directory');
  if (!Number.isSafeInteger(lockStaleMs) || lockStaleMs < MIN_STALE_MS) {
    throw refuse(`lockStaleMs must be an integer of at least ${MIN_STALE_MS} ms`);
  }
  if (!Number.isSafeInteger(lockWaitMs) || lockWaitMs < 0) {
    throw refuse('lockWaitMs must be a non-negative integer of ms');
  }
  return { path: resolve(path), lockStaleMs, lockWaitMs };
}
