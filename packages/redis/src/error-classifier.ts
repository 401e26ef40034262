// Which TokenStoreError code a failure from ioredis or Redis gets: anything that says the server could not
// be reached or answered in time is UNAVAILABLE (retry helps); everything else is BACKEND. Conflicts never
// get here: the save script reports them as a status and the store raises CONFLICT itself.
import type { TokenStoreErrorCode } from '@tokens/core';

/** Rejection of an operation that got no answer within `operationTimeoutMs`. */
export class RedisTimeoutError extends Error {
  override readonly name = 'RedisTimeoutError';
  constructor(ms: number, lastConnectionError?: Error) {
    const last = lastConnectionError?.message.split('\n')[0];
    super(`no answer from Redis within ${ms} ms${last ? ` (last connection error: ${last})` : ''}`);
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTCONN',
]);

const UNAVAILABLE_NAMES = new Set([
  'RedisTimeoutError',
  'MaxRetriesPerRequestError',
  'ClusterAllFailedError',
]);

// ioredis' own messages for a connection that is closed, not ready, or did not answer.
const CLIENT_MESSAGES = [
  'Connection is closed',
  "Stream isn't writeable",
  'Command timed out',
  "Cluster isn't ready",
  'None of startup nodes is available',
  'Failed to refresh slots cache',
  'Too many Cluster redirections',
  'Node is disconnected',
];

// Redis replies that mean "not now": loading a dataset, busy with a script, a cluster or replica in
// failover, a replica that became read-only.
const SERVER_PREFIXES = [
  'LOADING',
  'BUSY',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'MASTERDOWN',
  'READONLY',
  'NOREPLICAS',
];

export function classifyRedisError(error: unknown): TokenStoreErrorCode {
  if (!(error instanceof Error)) return 'BACKEND';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'UNAVAILABLE';
  if (UNAVAILABLE_NAMES.has(error.name)) return 'UNAVAILABLE';
  if (CLIENT_MESSAGES.some((m) => error.message.startsWith(m))) return 'UNAVAILABLE';
  if (SERVER_PREFIXES.some((p) => error.message.startsWith(`${p} `))) return 'UNAVAILABLE';
  return 'BACKEND';
}
