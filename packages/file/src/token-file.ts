// Reading and replacing the token file itself. Reads open the path without following a symlink and
// refuse anything but a regular file. A write goes to a new temp file in the same directory (mode 0600,
// fsynced), is renamed over the path (atomic: readers see the old or the new file, never a mix), and the
// directory is fsynced so that the rename survives a power cut.
import { randomBytes } from 'node:crypto';
import { type BigIntStats, constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TokenStoreError } from '@tokens/core';

/** Which file a read saw, to notice at commit time whether someone replaced it since. */
export interface FileVersion {
  ino: bigint;
  ctimeNs: bigint;
  size: bigint;
  mode: number;
  uid: number;
  gid: number;
}

export interface FileSnapshot {
  /** The file's text, or `undefined` when there is no file. */
  text: string | undefined;
  version: FileVersion | undefined;
}

/** The mode of a new token file, and the widest a rewritten one gets. */
export const FILE_MODE = 0o600;
/** The mode of directories the store creates for the file. */
export const DIRECTORY_MODE = 0o700;

// O_NOFOLLOW: a symlink at the path fails with ELOOP instead of being read. O_NONBLOCK: a FIFO at the
// path does not block the open (it is then refused as not a regular file).
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function invalidPath(message: string): TokenStoreError {
  return new TokenStoreError('INVALID_ARGUMENT', message);
}

export async function readTokenFile(path: string): Promise<FileSnapshot> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { text: undefined, version: undefined };
    if (code === 'ELOOP') throw invalidPath('the path is a symbolic link; give the path of the file itself');
    throw error;
  }
  try {
    const stats = await handle.stat({ bigint: true });
    if (stats.isDirectory()) throw invalidPath('the path is a directory; give the path of a file in it');
    if (!stats.isFile()) throw invalidPath('the path is not a regular file');
    return { text: await handle.readFile('utf8'), version: versionOf(stats) };
  } finally {
    await handle.close();
  }
}

function versionOf(stats: BigIntStats): FileVersion {
  return {
    ino: stats.ino,
    ctimeNs: stats.ctimeNs,
    size: stats.size,
    mode: Number(stats.mode & 0o777n),
    uid: Number(stats.uid),
    gid: Number(stats.gid),
  };
}

async function currentVersion(path: string): Promise<FileVersion | undefined> {
  try {
    return versionOf(await lstat(path, { bigint: true }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const sameVersion = (a: FileVersion | undefined, b: FileVersion | undefined) =>
  a === b ||
  (a !== undefined && b !== undefined && a.ino === b.ino && a.ctimeNs === b.ctimeNs && a.size === b.size);

/** Creates the file's directory (and missing parents) with mode 0700; an existing one is left as it is. */
export async function ensureDirectory(path: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: DIRECTORY_MODE });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new TokenStoreError(
        'INVALID_ARGUMENT',
        "a part of the file's directory path is not a directory",
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

const tempPrefix = (path: string) => `.${basename(path)}.`;
const TEMP_SUFFIX = /^[0-9a-f]{16}\.tmp$/;

export interface ReplaceOptions {
  /** The version the new content was computed from; the write fails if the file is no longer it. */
  expected: FileVersion | undefined;
  /** Runs just before the rename; throws when the write must not happen (the lock was lost). */
  beforeCommit(): Promise<void> | void;
}

/** Atomically replaces the file at `path` with `text`. Call with the write lock held. */
export async function replaceTokenFile(path: string, text: string, options: ReplaceOptions): Promise<void> {
  const directory = dirname(path);
  const temp = join(directory, `${tempPrefix(path)}${randomBytes(8).toString('hex')}.tmp`);
  const { expected } = options;
  // O_EXCL | O_NOFOLLOW: never write through something planted at the temp name.
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(temp, flags, FILE_MODE);
  let committed = false;
  try {
    try {
      await handle.writeFile(text, 'utf8');
      // Never wider than 0600, and no wider than the file it replaces (the umask played no part).
      await handle.chmod(expected ? expected.mode & FILE_MODE : FILE_MODE);
      if (expected) await keepOwner(handle, expected);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeCommit();
    if (!sameVersion(await currentVersion(path), expected)) {
      throw new TokenStoreError(
        'UNAVAILABLE',
        'the token file was replaced by another writer during this write (its lock was taken over); nothing was written',
      );
    }
    await rename(temp, path);
    committed = true;
  } finally {
    if (!committed) await unlink(temp).catch(() => {});
  }
  await syncDirectory(directory);
}

/** A root process rewriting a user's file gives it back to that user, as the file was. */
async function keepOwner(handle: Awaited<ReturnType<typeof open>>, expected: FileVersion): Promise<void> {
  if (process.geteuid?.() !== 0) return;
  if (expected.uid === 0 && expected.gid === process.getegid?.()) return;
  await handle.chown(expected.uid, expected.gid);
}

async function syncDirectory(directory: string): Promise<void> {
  // Windows cannot open a directory for fsync; there the rename is as durable as the OS makes it.
  if (process.platform === 'win32') return;
  const handle = await open(directory, constants.O_RDONLY);
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems do not fsync directories; the rename is then as durable as they make it.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Removes temp files that writers killed mid-write left beside `path`. Call with the write lock held:
 * only a lock holder writes temp files, so any that exist then belong to a writer that is gone.
 */
export async function removeLeftoverTempFiles(path: string): Promise<number> {
  const prefix = tempPrefix(path);
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const leftovers = names.filter((n) => n.startsWith(prefix) && TEMP_SUFFIX.test(n.slice(prefix.length)));
  await Promise.all(leftovers.map((n) => unlink(join(dirname(path), n)).catch(() => {})));
  return leftovers.length;
}
