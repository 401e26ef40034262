// The indexes the store relies on, and their creation on first write. The unique indexes are what keeps
// "one token per userName / access / refresh / grant token" true under concurrent saves from any number of
// processes: the server refuses the second write, the store never checks-then-writes.
import { setTimeout as sleep } from 'node:timers/promises';
import { UNIQUE_FIELDS } from '@tokens/core';
import type { Collection, IndexDescription } from 'mongodb';
import { SIMPLE_COLLATION } from './collation.js';

type Indexable = Pick<Collection, 'createIndexes'>;

/**
 * One unique index per unique field, partial on `$type: 'string'` so that the many tokens without, say, a
 * grant token do not collide on "absent". Values are indexed as they are, not hashed: MongoDB 4.2 (FCV 4.2)
 * removed the 1024-byte index key limit and driver 6.10+/7 needs MongoDB 4.4 or later, so every value this
 * store accepts (up to 16 KiB) fits. Binary (simple collation) whatever the collection's default, so that
 * only equal bytes collide, and so that the store's queries, which name the same collation, can use them.
 */
export const TOKEN_INDEXES: IndexDescription[] = UNIQUE_FIELDS.map((field) => ({
  key: { [field]: 1 },
  name: `${field}_unique`,
  unique: true,
  partialFilterExpression: { [field]: { $type: 'string' } },
  collation: SIMPLE_COLLATION,
}));

/**
 * Expired leases are skipped by `tryAcquire` at once; this TTL index only removes the documents of
 * leases nobody took again, a minute after they expired (the grace keeps a lease whose holder's clock is a
 * little behind the server's from being removed while that holder still counts on it).
 */
export const LEASE_GC_SECONDS = 60;
export const LEASE_INDEXES: IndexDescription[] = [
  { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: LEASE_GC_SECONDS },
];

/** The token field a unique index guards, from the index name in a duplicate-key error. */
export function fieldOfIndex(indexName: string): string | undefined {
  if (indexName === '_id_') return '_id';
  const field = indexName.replace(/_unique$/, '');
  return (UNIQUE_FIELDS as readonly string[]).includes(field) ? field : undefined;
}

// Several instances starting together race to create the collection and its indexes; the server may answer
// the losers with NamespaceExists (48), WriteConflict (112) or IndexBuildAlreadyInProgress (285, its own
// tests expect it from concurrent createIndex), and the same request succeeds once the winner is done.
const CREATION_RACE_CODES = new Set([48, 112, 285]);
const CREATION_ATTEMPTS = 5;

/** Creates the indexes (a no-op when they exist with the same options). */
export async function ensureIndexes(tokens: Indexable, leases: Indexable): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await Promise.all([tokens.createIndexes(TOKEN_INDEXES), leases.createIndexes(LEASE_INDEXES)]);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= CREATION_ATTEMPTS || typeof code !== 'number' || !CREATION_RACE_CODES.has(code))
        throw error;
      await sleep(50 * attempt);
    }
  }
}
