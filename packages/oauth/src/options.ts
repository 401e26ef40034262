// TokenManager's options, each with its default, and how the timing options bound one another.
import type { TokenStore } from '@tokens/core';
import type { OAuthProvider } from './provider.js';
import { type ResolvedRetry, type RetryOptions, resolveRetry } from './retry.js';

export interface TokenManagerOptions {
  /** Where tokens live. With the lock capability (`hasLocks`), refreshes are serialised across processes. */
  store: TokenStore;
  /** The authorization server: `{ issuer }`, explicit endpoints, or a preset such as `zohoProvider()`. */
  provider: OAuthProvider;
  clientId: string;
  clientSecret: string;
  /** Default redirect URI of authorization requests and grant exchanges. */
  redirectUri?: string;
  /** Default scope of authorization requests. */
  scope?: string;
  /** Refresh when fewer than this many ms of the access token remain. Default 60 000 (Zoho's SDK: 5 000). */
  refreshSkewMs?: number;
  /** Timeout of each HTTP request to the provider, in ms. Default 10 000. */
  httpTimeoutMs?: number;
  /** Retries while the provider is unreachable or answers 5xx/429. Default 3 tries, 250 ms doubling to 4 s, full jitter. */
  retry?: RetryOptions;
  /**
   * Lifetime of the store lease held during a refresh or revoke, in ms: a crashed holder blocks others at
   * most this long. Must exceed `httpTimeoutMs` by more than 1 s. Default: room for every try and wait, plus 5 s.
   */
  leaseTtlMs?: number;
  /** How long to wait for another process's lease, in ms. Default `leaseTtlMs + 5000`. */
  lockWaitMs?: number;
  /** Lifetime assumed when a token response has no `expires_in`, in seconds. Default 3600. */
  defaultExpiresInSeconds?: number;
  /** The clock, epoch ms. Default `Date.now`. */
  now?: () => number;
}

export interface ResolvedTiming {
  refreshSkewMs: number;
  httpTimeoutMs: number;
  retry: ResolvedRetry;
  leaseTtlMs: number;
  lockWaitMs: number;
  defaultExpiresInSeconds: number;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
  return value;
}

export function resolveTiming(options: TokenManagerOptions): ResolvedTiming {
  const retry = resolveRetry(options.retry);
  const httpTimeoutMs = positive('httpTimeoutMs', options.httpTimeoutMs ?? 10_000);
  const leaseTtlMs = Math.ceil(
    positive('leaseTtlMs', options.leaseTtlMs ?? retry.attempts * (httpTimeoutMs + retry.maxDelayMs) + 5_000),
  );
  if (leaseTtlMs <= httpTimeoutMs + 1000) {
    throw new RangeError('leaseTtlMs must exceed httpTimeoutMs by more than a second');
  }
  return {
    refreshSkewMs: nonNegative('refreshSkewMs', options.refreshSkewMs ?? 60_000),
    httpTimeoutMs,
    retry,
    leaseTtlMs,
    lockWaitMs: Math.ceil(nonNegative('lockWaitMs', options.lockWaitMs ?? leaseTtlMs + 5_000)),
    defaultExpiresInSeconds: nonNegative('defaultExpiresInSeconds', options.defaultExpiresInSeconds ?? 3600),
  };
}
