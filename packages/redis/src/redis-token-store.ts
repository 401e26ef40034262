// RedisTokenStore: the TokenStore contract on Redis or Redis Cluster through ioredis. Each operation is one
// script run in one round trip (lua-scripts.ts); validation, identity and printing come from @tokens/core.
import {
  assertTokenId,
  conflictError,
  hasCredential,
  type Identity,
  identityOf,
  matchesIdentity,
  newTokenId,
  normalizeToken,
  type OAuthToken,
  planSave,
  protectToken,
  type StoredToken,
  StoreOperations,
  saveIdentity,
  secretsOf,
  type TokenLocks,
  type TokenStore,
  TokenStoreError,
  UNIQUE_FIELDS,
} from '@tokens/core';
import type { Cluster, Redis } from 'ioredis';
import { classifyRedisError } from './error-classifier.js';
import { type PrefixKeys, prefixKeys, UNIQUE_COLUMNS } from './keys.js';
import { CLEAR, DELETE, FIND, LIST, SAVE } from './lua-scripts.js';
import {
  assertTimeout,
  DEFAULT_OPERATION_TIMEOUT_MS,
  DEFAULT_PREFIX,
  type RedisTokenStoreOptions,
} from './options.js';
import { RedisConnection } from './redis-connection.js';
import { redisLocks } from './redis-locks.js';
import { type RedisClient, runScript } from './script-runner.js';
import { hashFields, hashToToken } from './stored-hash.js';

// A fresh 60-bit id is taken by another token about never; a few attempts only guard against a bug.
const ID_ATTEMPTS = 5;

export class RedisTokenStore implements TokenStore {
  readonly locks: TokenLocks;
  readonly #keys: PrefixKeys;
  readonly #connection: RedisConnection;
  readonly #ops = new StoreOperations('RedisTokenStore', classifyRedisError);

  constructor(options: RedisTokenStoreOptions = {}) {
    this.#keys = prefixKeys(options.prefix ?? DEFAULT_PREFIX);
    const timeoutMs = assertTimeout(options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS);
    this.#connection = new RedisConnection(options, timeoutMs);
    this.locks = redisLocks(this.#ops, this.#connection, this.#keys);
  }

  /** The namespace: every key of this store starts with `{prefix}:`. */
  get prefix(): string {
    return this.#keys.prefix;
  }

  /** The ioredis client in use: yours when you passed `client`, else the one the store built. */
  get client(): Redis | Cluster {
    return this.#connection.client;
  }

  findToken(query: OAuthToken): Promise<StoredToken | undefined> {
    return this.#ops.run(
      'findToken',
      async () => {
        const identity = identityOf(normalizeToken(query, 'findToken'));
        if (!identity || identity.by === 'id') return undefined;
        const index = this.#keys.indexes[UNIQUE_FIELDS.indexOf(identity.by)]!;
        const hash = await this.#run((c) =>
          runScript(c, FIND, [index, this.#keys.tokenPrefix], [identity.value]),
        );
        const token = hashToToken(hash, 'findToken');
        // The index gives the token holding the value; matchesIdentity adds the same-client rule.
        return token && matchesIdentity(token, identity) ? protectToken(token) : undefined;
      },
      secretsOf(query),
    );
  }

  findTokenById(id: string): Promise<StoredToken | undefined> {
    return this.#ops.run('findTokenById', async () => {
      assertTokenId(id, 'findTokenById');
      const token = hashToToken(await this.#run((c) => c.hgetall(this.#keys.token(id))), 'findTokenById');
      return token && protectToken(token);
    });
  }

  saveToken(token: OAuthToken): Promise<StoredToken> {
    return this.#ops.run(
      'saveToken',
      async () => {
        const incoming = normalizeToken(token, 'saveToken');
        const identity = saveIdentity(incoming);
        for (let attempt = 1; attempt <= ID_ATTEMPTS; attempt++) {
          const args = saveArgs(identity, incoming.id ?? newTokenId(), incoming);
          const reply = await this.#run((c) => runScript(c, SAVE, this.#writeKeys(), args));
          const [status, detail] = Array.isArray(reply) ? reply : [];
          if (status === 'ok') {
            const saved = hashToToken(detail, 'saveToken');
            if (saved) return protectToken(saved);
          } else if (status === 'conflict') {
            throw conflictError(UNIQUE_FIELDS[UNIQUE_COLUMNS.indexOf(detail)] ?? 'value');
          } else if (status === 'no_credential') {
            // An insert without a credential: the refusal every store gives, from planSave itself.
            planSave(incoming, undefined);
          } else if (status === 'id_taken') {
            continue;
          }
          throw new TokenStoreError(
            'BACKEND',
            `the save script gave an unexpected reply (${String(status)})`,
          );
        }
        throw new TokenStoreError('BACKEND', `no free token id after ${ID_ATTEMPTS} attempts`);
      },
      secretsOf(token),
    );
  }

  deleteToken(id: string): Promise<void> {
    return this.#ops.run('deleteToken', async () => {
      assertTokenId(id, 'deleteToken');
      await this.#run((c) => runScript(c, DELETE, this.#writeKeys(), [id, ...UNIQUE_COLUMNS]));
    });
  }

  getTokens(): Promise<StoredToken[]> {
    return this.#ops.run('getTokens', async () => {
      const keys = [this.#keys.ids, this.#keys.tokenPrefix];
      const hashes = (await this.#run((c) => runScript(c, LIST, keys, []))) as unknown[];
      return hashes.flatMap((hash) => {
        const token = hashToToken(hash, 'getTokens');
        return token ? [protectToken(token)] : [];
      });
    });
  }

  deleteTokens(): Promise<void> {
    return this.#ops.run('deleteTokens', async () => {
      await this.#run((c) => runScript(c, CLEAR, this.#writeKeys(), []));
    });
  }

  close(): Promise<void> {
    return this.#ops.close(() => this.#connection.close());
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #run<T>(fn: (client: RedisClient) => Promise<T>): Promise<T> {
    return this.#connection.run(fn);
  }

  #writeKeys(): string[] {
    return [this.#keys.ids, this.#keys.tokenPrefix, ...this.#keys.indexes];
  }
}

/** The SAVE script's ARGV (see lua-scripts.ts): the identity, the id for an insert, the fields to write. */
function saveArgs(identity: Identity, insertId: string, incoming: OAuthToken): string[] {
  const byId = identity.by === 'id';
  return [
    byId ? 'id' : 'index',
    byId ? '0' : String(UNIQUE_FIELDS.indexOf(identity.by) + 1),
    identity.value,
    'clientId' in identity ? identity.clientId : '',
    insertId,
    hasCredential(incoming) ? '1' : '0',
    ...UNIQUE_COLUMNS,
    ...hashFields(incoming),
  ];
}
