// What the driver's errors mean for a store: which are UNAVAILABLE (retry may help: the server cannot be
// reached, is stepping down or timed out), which are duplicate keys (a unique index refused a write), and
// which unique field a duplicate key is about. Everything else is BACKEND.
import type { TokenStoreErrorCode } from '@tokens/core';
import { fieldOfIndex } from './indexes.js';

/**
 * Driver errors that mean the server could not be reached or answered too late, matched by class name
 * along the prototype chain (so subclasses such as MongoNetworkTimeoutError count) rather than by
 * `instanceof`: a client built with another copy of the driver throws that copy's classes, and the names
 * do not depend on which driver version (6.10+ or 7) is installed.
 */
const UNAVAILABLE_CLASSES = new Set([
  'MongoNetworkError', // and MongoNetworkTimeoutError
  'MongoServerSelectionError', // no suitable server answered within serverSelectionTimeoutMS
  'MongoTopologyClosedError',
  'MongoClientClosedError', // the caller closed the client it gave the store
  'MongoNotConnectedError',
  'MongoOperationTimeoutError', // timeoutMS ran out
]);

function classNames(error: Error): string[] {
  const names = [error.name];
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Error.prototype; ) {
    names.push(proto.constructor?.name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/**
 * Server error codes that say "not now" rather than "no": host unreachable/not found (6, 7), MaxTimeMSExpired
 * (50), NetworkTimeout (89), ShutdownInProgress (91), PrimarySteppedDown (189), ExceededTimeLimit (262),
 * SocketException (9001), LegacyNotPrimary (10058), NotWritablePrimary (10107), InterruptedAtShutdown
 * (11600), InterruptedDueToReplStateChange (11602), NotPrimaryNoSecondaryOk (13435), NotPrimaryOrSecondary
 * (13436). WriteConflict (112) is not among them: outside transactions (this store uses none) the server
 * retries it itself; if it ever surfaces it is BACKEND, which is retryable too.
 */
const UNAVAILABLE_CODES = new Set([
  6, 7, 50, 89, 91, 189, 262, 9001, 10058, 10107, 11600, 11602, 13435, 13436,
]);

export const DUPLICATE_KEY_CODE = 11000;

export function classifyMongoError(error: unknown): TokenStoreErrorCode {
  if (!(error instanceof Error)) return 'BACKEND';
  if (classNames(error).some((name) => UNAVAILABLE_CLASSES.has(name))) return 'UNAVAILABLE';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && UNAVAILABLE_CODES.has(code)) return 'UNAVAILABLE';
  return 'BACKEND';
}

/** Whether a unique index (or `_id`) refused the write. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY_CODE
  );
}

/**
 * The field a duplicate-key error is about (`_id` or a unique token field), from the error's `keyPattern`
 * (servers 4.4+ send it) or else the index name in its message. Never reads `keyValue`: that is the
 * duplicated value, a secret.
 */
export function duplicateKeyField(error: unknown): string | undefined {
  const keyPattern = (error as { keyPattern?: unknown }).keyPattern;
  if (typeof keyPattern === 'object' && keyPattern !== null) {
    const [first] = Object.keys(keyPattern);
    if (first === '_id') return '_id';
    if (first !== undefined) return fieldOfIndex(`${first}_unique`);
  }
  const message = error instanceof Error ? error.message : '';
  const index = /\bindex: (\S+)/.exec(message)?.[1];
  return index === undefined ? undefined : fieldOfIndex(index);
}
