// saveToken's write: one atomic findOneAndUpdate by the identity filter, and what a duplicate key means.
import {
  conflictError,
  hasCredential,
  type Identity,
  newTokenId,
  type OAuthToken,
  planSave,
} from '@tokens/core';
import type { Collection } from 'mongodb';
import { SIMPLE_COLLATION } from './collation.js';
import { duplicateKeyField, isDuplicateKeyError } from './mongo-errors.js';
import { identityFilter, presentFields, saveUpdate, type TokenDocument } from './token-document.js';

/** A fresh id colliding with a stored one is redrawn; 60 random bits make a second collision absurd. */
const MAX_ID_DRAWS = 5;

/**
 * Saves `incoming` (normalised) into the token `identity` refers to, or inserts it, atomically, and resolves
 * to the document as now stored. Values match byte for byte (the simple collation, see collation.ts).
 *
 * - One round trip: `findOneAndUpdate(identity filter, { $set: present fields, $setOnInsert: { _id } },
 *   { upsert, returnDocument: 'after' })`. The server matches and writes in one step, so fields never
 *   tear between concurrent saves, and the unique indexes refuse a write that would share a userName or
 *   credential with another token: nothing is written, and the store answers CONFLICT.
 * - A new token needs a credential (core's `planSave` rule). A token without one can therefore only
 *   update, so it is sent with `upsert: false`: it cannot insert, and matching nothing *is* the refusal.
 *   Checking first with a find would leave a window between check and write; this leaves none.
 * - Two saves of one new identity may both find nothing and both insert: the unique index lets one in and
 *   refuses the other with a duplicate key. MongoDB's documented answer is to retry, which now matches the
 *   winner's document and updates it. A duplicate key is therefore retried once when the save could
 *   insert; a second duplicate is a real collision with another token (the retry matched the identity, or
 *   inserted again and hit the same other token), hence CONFLICT. An insert racing a delete of the winner
 *   could be reported as CONFLICT; that takes three writers on one identity at once and is safe to retry.
 */
export async function upsertToken(
  tokens: Collection<TokenDocument>,
  incoming: OAuthToken,
  identity: Identity,
  makeId: () => string = newTokenId,
): Promise<TokenDocument> {
  const filter = identityFilter(identity);
  const upsert = hasCredential(incoming);
  if (Object.keys(presentFields(incoming)).length === 0) {
    // Only an id: nothing to write (an empty $set is an error before MongoDB 5.0). It saves nothing new,
    // so it reads the token, or refuses it as a new token without a credential.
    return (await tokens.findOne(filter, { collation: SIMPLE_COLLATION })) ?? refuseInsert(incoming);
  }
  let retried = false;
  let draws = 1;
  for (;;) {
    const newId = identity.by === 'id' ? undefined : makeId();
    try {
      const doc = await tokens.findOneAndUpdate(filter, saveUpdate(incoming, newId), {
        upsert,
        returnDocument: 'after',
        includeResultMetadata: false,
        collation: SIMPLE_COLLATION,
      });
      return doc ?? refuseInsert(incoming);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const field = duplicateKeyField(error);
      const verdict = duplicateKeyVerdict(field, { freshId: newId !== undefined, upsert, retried, draws });
      if (verdict === 'conflict') throw conflictError(field === '_id' ? 'id' : (field ?? 'unique value'));
      if (verdict === 'redraw-id') draws++;
      else retried = true;
    }
  }
}

export interface SaveAttempt {
  /** The save inserts under an id it drew (rather than the token's own id). */
  freshId: boolean;
  /** The save may insert (the token has a credential). */
  upsert: boolean;
  /** The save was already retried after a duplicate key. */
  retried: boolean;
  /** How many ids it has drawn. */
  draws: number;
}

/**
 * What a duplicate key on `field` means for a save (see `upsertToken`): the id it drew is taken
 * (`redraw-id`), a racing insert of the same identity won (`retry`, once), or another token holds the value
 * (`conflict`).
 */
export function duplicateKeyVerdict(
  field: string | undefined,
  attempt: SaveAttempt,
): 'redraw-id' | 'retry' | 'conflict' {
  if (field === '_id' && attempt.freshId) return attempt.draws < MAX_ID_DRAWS ? 'redraw-id' : 'conflict';
  return attempt.upsert && !attempt.retried ? 'retry' : 'conflict';
}

/** Matching nothing without upsert: the token would be new, and a new token needs a credential. */
function refuseInsert(incoming: OAuthToken): never {
  planSave(incoming, undefined); // throws INVALID_TOKEN: the rule and its message live in core
  throw new Error('unreachable: a token with a credential is always upserted');
}
