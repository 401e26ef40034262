// The lock capability on MongoDB: one document per lease in `<collection>_leases`, `_id` = the lock key.
// Taking a lease is one conditional upsert; the `_id` index makes it exclusive across every process.
import { assertLockHolder, assertLockKey, type StoreOperations, type TokenLocks } from '@tokens/core';
import type { Collection } from 'mongodb';
import { SIMPLE_COLLATION } from './collation.js';
import { isDuplicateKeyError } from './mongo-errors.js';

export interface LeaseDocument {
  _id: string;
  holder: string;
  /** When the lease ends. A Date, so that the TTL index can remove leases nobody took again. */
  expiresAt: Date;
}

// Keys and holders are validated strings (assertLockKey, assertLockHolder): never read as query operators,
// and compared byte for byte (the simple collation), whatever the lease collection's default collation.

/** The largest time a JS Date holds; a huge ttl is capped there rather than made an invalid date. */
const MAX_DATE_MS = 8_640_000_000_000_000;

/**
 * Leases judged by the clock of the process that takes them (`Date.now()`), as a Redis PX lease is by
 * Redis's. Server time (`$$NOW`) would need `$expr` in the filter, which MongoDB refuses in an upsert's
 * query; so hosts sharing a namespace should keep their clocks in sync (NTP): a lease lasts its ttl, give
 * or take the skew between the holder's clock and the next taker's.
 */
export class MongoTokenLocks implements TokenLocks {
  constructor(
    private readonly ops: StoreOperations,
    private readonly leases: Collection<LeaseDocument>,
    private readonly backend: {
      /** Resolves once the client is connected. */
      connected(): Promise<void>;
      /** Resolves once connected and the indexes exist. */
      ready(): Promise<void>;
    },
  ) {}

  /**
   * Upserts the lease where it is free: `{ _id: key, $or: [{ holder }, { expiresAt <= now }] }`. A match is
   * a renewal by the holder or a takeover of an expired lease; no match means the key is new (inserted) or
   * held by another unexpired holder, in which case the insert hits the `_id` index: duplicate key = no.
   */
  tryAcquire(key: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.ops.run('lock', async () => {
      assertLockKey(key, ttlMs);
      assertLockHolder(holder);
      await this.backend.ready();
      const now = Date.now();
      try {
        await this.leases.updateOne(
          { _id: key, $or: [{ holder }, { expiresAt: { $lte: new Date(now) } }] },
          { $set: { holder, expiresAt: new Date(Math.min(now + ttlMs, MAX_DATE_MS)) } },
          { upsert: true, collation: SIMPLE_COLLATION },
        );
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    });
  }

  /** Deletes the lease only where `holder` holds it. */
  release(key: string, holder: string): Promise<boolean> {
    return this.ops.run('unlock', async () => {
      assertLockKey(key, 1); // the key only: release takes no ttl
      assertLockHolder(holder);
      await this.backend.connected();
      const { deletedCount } = await this.leases.deleteOne(
        { _id: key, holder },
        { collation: SIMPLE_COLLATION },
      );
      return deletedCount === 1;
    });
  }
}
