// Exact matching whatever collation the collections were created with. Without an explicit collation,
// MongoDB compares strings (and builds indexes) by the collection's default collation: a collection someone
// created with `{ locale: 'en', strength: 2 }` would make 'alice' find 'Alice', a save CONFLICT with
// another user's token, and a lease holder renew another holder's lease. Every command of the store and
// every index it creates therefore names the simple (binary) collation.
import type { CollationOptions } from 'mongodb';

/**
 * MongoDB's binary comparison ("To specify simple binary comparison, specify locale value of 'simple'").
 * The server stores an index made with it without a `collation` field, as it stores one made with no
 * collation on a collection without a default: indexes of earlier versions of this store match it.
 */
export const SIMPLE_COLLATION: CollationOptions = Object.freeze({ locale: 'simple' });
