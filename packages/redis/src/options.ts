// The options of RedisTokenStore, each with its default, and their validation.
import { TokenStoreError } from '@tokens/core';
import type { Cluster, ClusterNode, ClusterOptions, Redis, RedisOptions } from 'ioredis';

export const DEFAULT_PREFIX = 'tokens';
export const DEFAULT_OPERATION_TIMEOUT_MS = 5_000;

/** Any ioredis `RedisOptions` (host, port, password, tls, db, ...) plus: */
export interface RedisTokenStoreOptions extends RedisOptions {
  /**
   * The namespace: every key of this store starts with `{prefix}:`, so on a cluster the namespace lives in
   * one hash slot. Letters, digits, `_`, `.`, `:`, `-`; no spaces or braces. Default `tokens`.
   */
  prefix?: string;
  /** A client you built and own (`Redis` or `Cluster`); `close()` leaves it open. Takes precedence. */
  client?: Redis | Cluster;
  /** Cluster nodes to connect to (ioredis `Cluster`). Takes precedence over `url` and host options. */
  cluster?: ClusterNode[];
  /** Options for the `Cluster` built from `cluster`. */
  clusterOptions?: ClusterOptions;
  /** `redis://[user:password@]host:port[/db]` (or `rediss://`). Takes precedence over `host`/`port`. */
  url?: string;
  /**
   * How long one operation may take, including waiting for a (re)connection, before it rejects with
   * `UNAVAILABLE`. Also ioredis' `commandTimeout` of the clients the store builds. Default 5000.
   */
  operationTimeoutMs?: number;
}

export function assertTimeout(ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 1) {
    throw new TokenStoreError('INVALID_ARGUMENT', 'option "operationTimeoutMs" must be a positive integer', {
      operation: 'constructor',
      store: 'RedisTokenStore',
    });
  }
  return ms;
}
