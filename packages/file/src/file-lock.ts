// The cross-process write lock of one token file: proper-lockfile's lock directory `<file>.lock`
// (a sibling, so it works before the file exists), taken with a deadline. Its holder refreshes it; a
// crashed holder's lock is taken over once it is `staleMs` old. Losing the lock never throws from a timer
// (proper-lockfile's default): it fails the operation that held it, before that operation commits.
import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { TokenStoreError } from '@tokens/core';
import lockfile from 'proper-lockfile';

export interface FileLockOptions {
  /** Age (ms) after which a lock whose holder stopped refreshing it is taken over. At least 2000. */
  staleMs: number;
  /** How long (ms) to wait for the lock before failing with UNAVAILABLE. */
  waitMs: number;
  /**
   * When the wait ends (epoch ms), if it started before this call: an operation queued in this process
   * counts its `waitMs` from when it was issued. Once past, the lock is tried once and not waited for.
   * Default `Date.now() + waitMs`.
   */
  deadline?: number;
}

export interface HeldFileLock {
  /** Throws UNAVAILABLE unless the lock is still ours and too fresh for anyone to take it over now. */
  assertHeld(): void;
  release(): Promise<void>;
}

/** The floor proper-lockfile puts on `stale`. */
export const MIN_STALE_MS = 2000;

export async function acquireFileLock(file: string, options: FileLockOptions): Promise<HeldFileLock> {
  const { staleMs, waitMs, deadline = Date.now() + waitMs } = options;
  const lockPath = `${file}.lock`;
  // The mtime we last gave the lock directory: others take the lock over only once it is staleMs old.
  let refreshedAt = Number.NEGATIVE_INFINITY;
  let lost: Error | undefined;
  // proper-lockfile's public `fs` option: the same calls, noting each refresh of our lock that succeeded.
  const trackingFs = {
    ...fs,
    utimes(path: string, atime: Date, mtime: Date, callback: (error: Error | null) => void) {
      fs.utimes(path, atime, mtime, (error) => {
        if (!error && path === lockPath) refreshedAt = mtime.getTime();
        callback(error);
      });
    },
  };
  const lockOptions = {
    realpath: false,
    lockfilePath: lockPath,
    stale: staleMs,
    update: Math.max(1000, Math.floor(staleMs / 4)),
    fs: trackingFs,
    onCompromised: (error: Error) => {
      lost = error;
    },
  };
  // Leave the holder a margin to finish its rename after its last check.
  const safeAgeMs = staleMs - Math.max(500, staleMs / 4);
  let delay = 5;
  for (;;) {
    try {
      const release = await lockfile.lock(file, lockOptions);
      return {
        assertHeld() {
          if (lost || Date.now() - refreshedAt >= safeAgeMs) {
            throw new TokenStoreError(
              'UNAVAILABLE',
              'the file lock was lost (this process stalled longer than the stale time); nothing was written',
              { cause: lost },
            );
          }
        },
        // A lost lock is already gone (ERELEASED); there is nothing left to release.
        release: () => (lost ? Promise.resolve() : release().catch(() => {})),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      if (Date.now() >= deadline) {
        throw new TokenStoreError('UNAVAILABLE', `timed out after ${waitMs} ms waiting for the file lock`, {
          cause: error,
        });
      }
      // Jittered, growing polls: waiters in several processes do not retry in step.
      await sleep(Math.min(delay * (0.5 + Math.random()), Math.max(1, deadline - Date.now())));
      delay = Math.min(delay * 2, 100);
    }
  }
}
