// How the store reads mysql2's errors: which mean the server is out of reach (UNAVAILABLE), which are a
// unique value taken (CONFLICT), which are worth repeating a transaction for (deadlocks, lock waits).
import type { TokenStoreErrorCode } from '@tokens/core';

interface DriverError {
  code?: unknown;
  errno?: unknown;
  fatal?: unknown;
  message?: unknown;
}

const asDriverError = (error: unknown): DriverError =>
  typeof error === 'object' && error !== null ? (error as DriverError) : {};

/** Socket-level failures, and server errors that mean this connection or the server is going away. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR', // 1040: too many connections
  'ER_TOO_MANY_USER_CONNECTIONS', // 1203
  'ER_SERVER_SHUTDOWN', // 1053
  'ER_CONNECTION_KILLED', // 1927 (MariaDB): KILL of the connection
  'ER_CLIENT_INTERACTION_TIMEOUT', // 4031 (MySQL 8): idle connection closed by the server
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_WRITE_INTERRUPTED',
]);
const CONNECTION_ERRNOS: ReadonlySet<number> = new Set([1040, 1203, 1053, 1927, 4031, 1159, 1161]);

/** Errors after which this connection can no longer be used: it is destroyed, not returned to the pool. */
export function isConnectionLost(error: unknown): boolean {
  const e = asDriverError(error);
  if (e.fatal === true) return true;
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
  return typeof e.errno === 'number' && CONNECTION_ERRNOS.has(e.errno);
}

/** The command was refused by a connection already known closed: it never reached the server. */
export function wasNeverSent(error: unknown): boolean {
  const { message } = asDriverError(error);
  return typeof message === 'string' && message.includes('connection is in closed state');
}

/** Deadlock (1213): detected at once, the transaction was rolled back; running it again is safe and cheap. */
export function isDeadlock(error: unknown): boolean {
  return asDriverError(error).errno === 1213;
}

/**
 * Lock wait timeout (1205): the statement waited innodb_lock_wait_timeout for a row another session holds
 * and was rolled back. Running it again is safe, but costs another full wait.
 */
export function isLockWaitTimeout(error: unknown): boolean {
  return asDriverError(error).errno === 1205;
}

export function isDuplicateKey(error: unknown): boolean {
  return asDriverError(error).errno === 1062;
}

/**
 * The index a duplicate-key error names: MariaDB says `for key 'user_name_sha256'`, MySQL 8 prefixes the
 * table (`for key 't.user_name_sha256'`). The rest of the message echoes the value and is never shown.
 */
export function duplicateKeyName(error: unknown): string | undefined {
  const { message } = asDriverError(error);
  if (typeof message !== 'string') return undefined;
  return /for key '(?:[^']*\.)?([^'.]+)'\s*$/.exec(message)?.[1];
}

/** The error classifier handed to StoreOperations. */
export function classifyMySqlError(error: unknown): TokenStoreErrorCode {
  if (isConnectionLost(error)) return 'UNAVAILABLE';
  const { errno, message } = asDriverError(error);
  // 1205: lock wait timeout (after our retries), 1317: query interrupted (KILL QUERY), read-only server
  // during a failover (1290, 1792, 1836): the backend is there but cannot serve us now.
  if (errno === 1205 || errno === 1317 || errno === 1290 || errno === 1792 || errno === 1836) {
    return 'UNAVAILABLE';
  }
  if (typeof message === 'string' && /^Pool is closed/.test(message)) return 'UNAVAILABLE';
  if (errno === 1062) return 'CONFLICT';
  return 'BACKEND';
}
