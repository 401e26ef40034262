// MemoryTokenStore: the reference implementation of the contract, kept in a Map. Instances that share a
// MemorySpace see the same tokens and locks (the article's "list-based" and "in-memory" stores).
import { identityOf, matchesIdentity } from './identity.js';
import { conflictError, planSave, saveIdentity, sharedUniqueField } from './save-plan.js';
import { StoreOperations } from './store-operations.js';
import {
  assertTokenId,
  normalizeToken,
  type OAuthToken,
  plainToken,
  protectToken,
  type StoredToken,
  secretsOf,
} from './token.js';
import { newTokenId } from './token-id.js';
import { assertLockHolder, assertLockKey, type TokenLocks } from './token-locks.js';
import type { TokenStore } from './token-store.js';

/** The tokens and leases of one in-memory namespace; share it to give several stores one namespace. */
export class MemorySpace {
  readonly tokens = new Map<string, StoredToken>();
  readonly leases = new Map<string, { holder: string; expiresAt: number }>();
}

export interface MemoryTokenStoreOptions {
  /** The namespace to use; default: a new, private one. */
  space?: MemorySpace;
  /** Current time in ms, for lease expiry. Default `Date.now`. */
  now?: () => number;
}

export class MemoryTokenStore implements TokenStore {
  readonly space: MemorySpace;
  readonly locks: TokenLocks;
  readonly #ops = new StoreOperations('MemoryTokenStore');

  constructor(options: MemoryTokenStoreOptions = {}) {
    this.space = options.space ?? new MemorySpace();
    const now = options.now ?? Date.now;
    const { leases } = this.space;
    const ops = this.#ops;
    this.locks = {
      tryAcquire: (key, holder, ttlMs) =>
        ops.run('lock', () => {
          assertLockKey(key, ttlMs);
          assertLockHolder(holder);
          const lease = leases.get(key);
          if (lease && lease.holder !== holder && lease.expiresAt > now()) return false;
          leases.set(key, { holder, expiresAt: now() + ttlMs });
          return true;
        }),
      release: (key, holder) =>
        ops.run('unlock', () => {
          assertLockHolder(holder);
          if (leases.get(key)?.holder !== holder) return false;
          return leases.delete(key);
        }),
    };
  }

  findToken(query: OAuthToken): Promise<StoredToken | undefined> {
    return this.#ops.run('findToken', () => {
      const identity = identityOf(normalizeToken(query, 'findToken'));
      if (!identity) return undefined;
      for (const token of this.space.tokens.values()) {
        if (matchesIdentity(token, identity)) return copy(token);
      }
      return undefined;
    });
  }

  findTokenById(id: string): Promise<StoredToken | undefined> {
    return this.#ops.run('findTokenById', () => {
      assertTokenId(id, 'findTokenById');
      const token = this.space.tokens.get(id);
      return token && copy(token);
    });
  }

  saveToken(token: OAuthToken): Promise<StoredToken> {
    return this.#ops.run(
      'saveToken',
      () => {
        const incoming = normalizeToken(token, 'saveToken');
        const identity = saveIdentity(incoming);
        const tokens = this.space.tokens;
        const existing = [...tokens.values()].find((t) => matchesIdentity(t, identity));
        const plan = planSave(incoming, existing, () => {
          let id = newTokenId();
          while (tokens.has(id)) id = newTokenId();
          return id;
        });
        for (const other of tokens.values()) {
          const field = sharedUniqueField(plan.token, other);
          if (field) throw conflictError(field);
        }
        tokens.set(plan.token.id, plainToken(plan.token) as StoredToken);
        return copy(plan.token);
      },
      secretsOf(token),
    );
  }

  deleteToken(id: string): Promise<void> {
    return this.#ops.run('deleteToken', () => {
      assertTokenId(id, 'deleteToken');
      this.space.tokens.delete(id);
    });
  }

  getTokens(): Promise<StoredToken[]> {
    return this.#ops.run('getTokens', () => [...this.space.tokens.values()].map(copy));
  }

  deleteTokens(): Promise<void> {
    return this.#ops.run('deleteTokens', () => this.space.tokens.clear());
  }

  close(): Promise<void> {
    return this.#ops.close(() => {});
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function copy(token: StoredToken): StoredToken {
  return protectToken(token);
}
