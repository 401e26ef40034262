// The TokenStore interface: the six methods of the Zoho SDKs' TokenStore, plus close and async dispose.
import type { OAuthToken, StoredToken } from './token.js';
import type { TokenLocks } from './token-locks.js';

export interface TokenStore extends AsyncDisposable {
  /** The token `query` refers to by identity rules 2-4, or `undefined`; never another user's token. */
  findToken(query: OAuthToken): Promise<StoredToken | undefined>;
  /** The token with this id, or `undefined`. */
  findTokenById(id: string): Promise<StoredToken | undefined>;
  /** Upserts by identity (rules 1-4), merging into the stored token; returns the token as now stored. */
  saveToken(token: OAuthToken): Promise<StoredToken>;
  /** Removes the token with this id; succeeds when there is none. */
  deleteToken(id: string): Promise<void>;
  /** Every token of this store's namespace, in no promised order. */
  getTokens(): Promise<StoredToken[]>;
  /** Removes every token of this store's namespace, and nothing else. */
  deleteTokens(): Promise<void>;
  /** Releases what the store opened. Idempotent; later calls reject with `CLOSED`. */
  close(): Promise<void>;
  /** Present when the store can hold leases across instances and processes (see `TokenLocks`). */
  readonly locks?: TokenLocks;
}

/** A store that declares the lock capability. */
export type LockingTokenStore = TokenStore & { readonly locks: TokenLocks };

export function hasLocks(store: TokenStore): store is LockingTokenStore {
  return typeof store.locks === 'object' && store.locks !== null;
}
