// MongoTokenStore: the TokenStore contract on MongoDB with the official driver. One document per token in
// one collection; unique partial indexes keep userNames and credentials unique across every process;
// each operation is one command (the indexes are created once, before the first write).
import {
  assertTokenId,
  identityOf,
  matchesIdentity,
  normalizeToken,
  type OAuthToken,
  protectToken,
  type StoredToken,
  StoreOperations,
  saveIdentity,
  secretsOf,
  type TokenStore,
  TokenStoreError,
} from '@tokens/core';
import type { BSONSerializeOptions, Collection, Db, MongoClient } from 'mongodb';
import { SIMPLE_COLLATION } from './collation.js';
import { ensureIndexes } from './indexes.js';
import { classifyMongoError, duplicateKeyField, isDuplicateKeyError } from './mongo-errors.js';
import { type LeaseDocument, MongoTokenLocks } from './mongo-token-locks.js';
import { type MongoTokenStoreOptions, resolveOptions, STORE_NAME } from './options.js';
import { documentToToken, identityFilter, type TokenDocument } from './token-document.js';
import { upsertToken } from './upsert-token.js';

/**
 * How documents are decoded, whatever the caller's client says: numbers as JS numbers (not Long, bigint or
 * Double wrappers), documents as objects (not raw buffers). Collection options take precedence over the
 * client's.
 */
const BSON_OPTIONS: BSONSerializeOptions = {
  promoteLongs: true,
  promoteValues: true,
  useBigInt64: false,
  raw: false,
};

export class MongoTokenStore implements TokenStore {
  /** The database the store uses (the caller's, or one of the client it made from `url`). */
  readonly db: Db;
  readonly collectionName: string;
  readonly leaseCollectionName: string;
  readonly locks: MongoTokenLocks;
  readonly #tokens: Collection<TokenDocument>;
  readonly #leases: Collection<LeaseDocument>;
  readonly #owned: MongoClient | undefined;
  readonly #ops = new StoreOperations(STORE_NAME, classifyMongoError);
  #indexes: Promise<void> | undefined;

  constructor(options: MongoTokenStoreOptions) {
    const resolved = resolveOptions(options);
    this.db = resolved.db;
    this.collectionName = resolved.collection;
    this.leaseCollectionName = resolved.leaseCollection;
    this.#tokens = this.db.collection<TokenDocument>(resolved.collection, BSON_OPTIONS);
    this.#leases = this.db.collection<LeaseDocument>(resolved.leaseCollection, BSON_OPTIONS);
    this.#owned = resolved.ownedClient;
    this.locks = new MongoTokenLocks(this.#ops, this.#leases, {
      connected: () => this.#connected(),
      ready: () => this.#ready(),
    });
  }

  /**
   * Connects the client the store made from `url`. The driver connects on first use by itself, but when
   * that first connection fails it keeps the closed topology, and every later operation fails with
   * "Topology is closed" even once the server is up; an explicit `connect()` makes a new one (and returns
   * at once when connected). A caller's client is left to its owner: connecting it could reopen a client
   * they closed on purpose.
   */
  async #connected(): Promise<void> {
    await this.#owned?.connect();
  }

  /**
   * Creates the indexes once per instance, before the first write (reads work without them, so a read-only
   * user can read). Concurrent first writes share one promise; a failed attempt is forgotten, so the next
   * write tries again.
   */
  async #ready(): Promise<void> {
    await this.#connected();
    this.#indexes ??= ensureIndexes(this.#tokens, this.#leases).catch((error: unknown) => {
      this.#indexes = undefined;
      if (!isDuplicateKeyError(error)) throw error;
      // Documents written by someone else already share a value. The driver's error quotes that value,
      // another token's secret, which the save's own secrets cannot scrub: it is not kept as the cause.
      const field = duplicateKeyField(error) ?? 'unique value';
      throw new TokenStoreError(
        'CORRUPT',
        `stored tokens share one ${field}: its unique index cannot be built`,
      );
    });
    return this.#indexes;
  }

  findToken(query: OAuthToken): Promise<StoredToken | undefined> {
    return this.#ops.run(
      'findToken',
      async () => {
        const identity = identityOf(normalizeToken(query, 'findToken'));
        if (!identity) return undefined;
        await this.#connected();
        // The unique indexes allow one match; checking it in JS keeps core's identity rules the last word,
        // as in the other stores.
        const docs = await this.#tokens
          .find(identityFilter(identity), { collation: SIMPLE_COLLATION })
          .toArray();
        const found = docs.map(readToken).find((t) => matchesIdentity(t, identity));
        return found && protectToken(found);
      },
      secretsOf(query),
    );
  }

  findTokenById(id: string): Promise<StoredToken | undefined> {
    return this.#ops.run('findTokenById', async () => {
      assertTokenId(id, 'findTokenById');
      await this.#connected();
      const doc = await this.#tokens.findOne({ _id: id }, { collation: SIMPLE_COLLATION });
      return doc ? toToken(doc) : undefined;
    });
  }

  saveToken(token: OAuthToken): Promise<StoredToken> {
    return this.#ops.run(
      'saveToken',
      async () => {
        const incoming = normalizeToken(token, 'saveToken');
        const identity = saveIdentity(incoming);
        await this.#ready();
        return toToken(await upsertToken(this.#tokens, incoming, identity));
      },
      secretsOf(token),
    );
  }

  deleteToken(id: string): Promise<void> {
    return this.#ops.run('deleteToken', async () => {
      assertTokenId(id, 'deleteToken');
      await this.#connected();
      await this.#tokens.deleteOne({ _id: id }, { collation: SIMPLE_COLLATION });
    });
  }

  getTokens(): Promise<StoredToken[]> {
    return this.#ops.run('getTokens', async () => {
      await this.#connected();
      const docs = await this.#tokens.find({}, { collation: SIMPLE_COLLATION }).toArray();
      return docs.map(toToken);
    });
  }

  /** Empties the token collection (its indexes stay); leases are left alone. */
  deleteTokens(): Promise<void> {
    return this.#ops.run('deleteTokens', async () => {
      await this.#connected();
      await this.#tokens.deleteMany({}, { collation: SIMPLE_COLLATION });
    });
  }

  /** Closes the client the store made from `url`; a client or db given by the caller stays open. */
  close(): Promise<void> {
    return this.#ops.close(async () => {
      await this.#owned?.close();
    });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** A stored document as a token, or CORRUPT. */
function readToken(doc: TokenDocument): StoredToken {
  const token = documentToToken(doc as unknown as Record<string, unknown>);
  if (!token) {
    // The message names the document (ids are not secret) but never a field's value.
    const id = typeof doc._id === 'string' ? ` ${JSON.stringify(doc._id.slice(0, 64))}` : '';
    throw new TokenStoreError('CORRUPT', `stored document${id} is not a token (a field has the wrong type)`);
  }
  return token;
}

/** A stored document as the token the store returns (secrets hidden from printing). */
function toToken(doc: TokenDocument): StoredToken {
  return protectToken(readToken(doc));
}
