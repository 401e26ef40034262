// How a token is kept in MongoDB, in one place: the document shape, the filter an identity looks up by,
// the update a save sends, and the mapping back from a stored document to a token.
import {
  type Identity,
  type OAuthToken,
  type StoredToken,
  TOKEN_FIELDS,
  type TokenField,
} from '@tokens/core';
import type { Filter, UpdateFilter } from 'mongodb';

/**
 * A stored token: `_id` is the token id, the other fields keep the `OAuthToken` names (there is no Zoho
 * schema for MongoDB to stay compatible with), `expiresAt` is a plain number of epoch milliseconds (BSON
 * int32 or double as the driver encodes a JS number: exact for every safe integer). Absent fields are
 * absent from the document, never `null` or `""`.
 */
export type TokenDocument = Omit<OAuthToken, 'id'> & { _id: string };

type DocumentField = Exclude<TokenField, 'id'>;
const DOCUMENT_FIELDS = TOKEN_FIELDS.filter((f): f is DocumentField => f !== 'id');

/**
 * The match on a uniquely indexed field. The unique indexes are partial (`$type: 'string'`), and the query
 * planner uses a partial index only when it can prove the query implies the index's filter; it does not
 * infer that from an equality, so the `$type` is spelled out. It never changes the result: every stored
 * value of these fields is a string.
 */
function uniqueMatch(value: string) {
  return { $eq: value, $type: 'string' } as const;
}

/**
 * The filter that finds the stored token `identity` refers to (the rules of `identityOf`, in MQL). Values
 * are validated strings (normalizeToken, assertTokenId), so a value is never read as a query operator.
 */
export function identityFilter(identity: Identity): Filter<TokenDocument> {
  switch (identity.by) {
    case 'id':
      return { _id: identity.value };
    case 'userName':
      return { userName: uniqueMatch(identity.value) };
    case 'accessToken':
      return { accessToken: uniqueMatch(identity.value) };
    case 'grantToken':
      return { grantToken: uniqueMatch(identity.value), clientId: identity.clientId };
    case 'refreshToken':
      return { refreshToken: uniqueMatch(identity.value), clientId: identity.clientId };
  }
}

/** The fields a save writes: those present in the (normalised) token, the id excepted. */
export function presentFields(token: OAuthToken): Partial<Omit<TokenDocument, '_id'>> {
  const fields: Record<string, string | number> = {};
  for (const field of DOCUMENT_FIELDS) {
    const value = token[field];
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}

/**
 * The update of a save: `$set` the present fields (absent ones keep their stored values), and, when the
 * save may insert under a new id, `$setOnInsert` that id. A save by id needs no `$setOnInsert`: an upsert
 * takes `_id` from the filter's equality.
 */
export function saveUpdate(token: OAuthToken, newId: string | undefined): UpdateFilter<TokenDocument> {
  const update: UpdateFilter<TokenDocument> = { $set: presentFields(token) };
  if (newId !== undefined) update.$setOnInsert = { _id: newId };
  return update;
}

/**
 * A stored document as a token, or `undefined` when it cannot be one (the caller reports `CORRUPT`): `_id`
 * must be a non-empty string, the string fields strings, `expiresAt` a non-negative safe integer. `null`
 * and `""` read as absent; fields this store does not know (added by another application) are ignored.
 */
export function documentToToken(doc: Record<string, unknown>): StoredToken | undefined {
  const id = doc['_id'];
  if (typeof id !== 'string' || id === '') return undefined;
  const token: Record<string, unknown> = { id };
  for (const field of DOCUMENT_FIELDS) {
    const value = doc[field];
    if (value === undefined || value === null || value === '') continue;
    if (field === 'expiresAt') {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
    } else if (typeof value !== 'string') {
      return undefined;
    }
    token[field] = value;
  }
  return token as unknown as StoredToken;
}
