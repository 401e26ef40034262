// The database file holds every secret in plain text: its protection is its mode. SQLite would create it
// with the process umask (0644 under umask 022, readable by every local user), so the store creates it
// first, 0600; SQLite then gives its -wal, -shm and -journal files the database file's mode.
import { chmodSync, closeSync, constants, fchmodSync, openSync, realpathSync, statSync } from 'node:fs';
import { TokenStoreError } from '@tokens/core';

/** The mode of a new database file, and the widest an existing one is left with. */
export const DATABASE_FILE_MODE = 0o600;

const COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * Whether SQLite reads `file:` names as URIs: better-sqlite3 builds SQLite with SQLITE_USE_URI=0 and turns
 * URIs on only when the process has SQLITE_USE_URI=1 in its environment. Otherwise `file:x.db` is a path.
 */
export function isSqliteUri(filename: string): boolean {
  return filename.startsWith('file:') && process.env.SQLITE_USE_URI === '1';
}

/**
 * Creates the database file with mode 0600 when it does not exist, and narrows an existing one (and its
 * companion files) to at most 0600: an open never widens a mode. Files of another user are left as that
 * user set them. Call before SQLite opens `filename` (a path, not `:memory:` or a URI).
 */
export function secureDatabaseFile(filename: string): void {
  if (process.platform === 'win32') return;
  try {
    // O_EXCL: an existing file is never truncated, and a symlink at the path is not followed.
    const fd = openSync(
      filename,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      DATABASE_FILE_MODE,
    );
    try {
      fchmodSync(fd, DATABASE_FILE_MODE); // whatever the umask
    } finally {
      closeSync(fd);
    }
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotCreate(error);
  }
  narrow(resolveExisting(filename));
}

/** The file SQLite will open (it follows symlinks); a symlink to a missing file gets its target made 0600. */
function resolveExisting(filename: string): string {
  try {
    return realpathSync(filename);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw cannotCreate(error);
  }
  try {
    closeSync(openSync(filename, constants.O_WRONLY | constants.O_CREAT, DATABASE_FILE_MODE));
    return realpathSync(filename);
  } catch (error) {
    throw cannotCreate(error);
  }
}

function narrow(file: string): void {
  const uid = process.geteuid?.();
  for (const suffix of COMPANIONS) {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(file + suffix);
    } catch {
      continue;
    }
    const mode = stats.mode & 0o777;
    if (!stats.isFile() || (mode & ~DATABASE_FILE_MODE) === 0) continue;
    // Another user's file: its owner chose who reads it, and only they (or root) can change that.
    if (uid !== 0 && stats.uid !== uid) continue;
    chmodSync(file + suffix, mode & DATABASE_FILE_MODE);
  }
}

function cannotCreate(cause: unknown): TokenStoreError {
  return new TokenStoreError('UNAVAILABLE', 'cannot create the database file with mode 0600', { cause });
}
