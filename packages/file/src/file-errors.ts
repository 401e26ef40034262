// How the file store classifies what the file system throws: which failures a retry may cure
// (UNAVAILABLE), which come from the path the caller gave (INVALID_ARGUMENT), and the rest (BACKEND).
import type { ErrorClassifier, TokenStoreErrorCode } from '@tokens/core';

const BY_ERRNO: Record<string, TokenStoreErrorCode> = {
  // Busy or out of descriptors: the next attempt may succeed.
  ELOCKED: 'UNAVAILABLE',
  ECOMPROMISED: 'UNAVAILABLE',
  EAGAIN: 'UNAVAILABLE',
  EBUSY: 'UNAVAILABLE',
  EMFILE: 'UNAVAILABLE',
  ENFILE: 'UNAVAILABLE',
  ETIMEDOUT: 'UNAVAILABLE',
  // The path itself is unusable: a directory, a symlink, a file where a directory should be, too long.
  EISDIR: 'INVALID_ARGUMENT',
  ENOTDIR: 'INVALID_ARGUMENT',
  ELOOP: 'INVALID_ARGUMENT',
  ENAMETOOLONG: 'INVALID_ARGUMENT',
};

/** EACCES, EROFS, ENOSPC, EIO and anything unknown are BACKEND: a person has to look. */
export const classifyFileError: ErrorClassifier = (error) => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (typeof code === 'string' && BY_ERRNO[code]) || 'BACKEND';
};
