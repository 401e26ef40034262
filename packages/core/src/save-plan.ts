// What a save does, decided once for every store: given the incoming token and the stored token its
// identity refers to, the token to write, or the refusal. Stores supply the lookups and the write.
import { TokenStoreError } from './errors.js';
import { type Identity, identityOf } from './identity.js';
import { hasCredential, type OAuthToken, type StoredToken, UNIQUE_FIELDS } from './token.js';
import { newTokenId } from './token-id.js';

export interface SavePlan {
  action: 'insert' | 'update';
  /** The token as it will be stored. */
  token: StoredToken;
}

/** The identity a save looks up by; refuses a token that could never be found again. */
export function saveIdentity(token: OAuthToken, operation = 'saveToken'): Identity {
  const identity = identityOf(token, { withId: true });
  if (!identity) {
    throw new TokenStoreError(
      'INVALID_TOKEN',
      'the token has no identity (no id, userName, access token without client, or grant/refresh token with client id and secret)',
      { operation },
    );
  }
  return identity;
}

/**
 * Merges `incoming` (already normalised) into `existing`: present fields overwrite, absent fields keep their
 * stored values, the id never changes. Without `existing`, the token is inserted with its own id or a new one.
 */
export function planSave(
  incoming: OAuthToken,
  existing: StoredToken | undefined,
  makeId: () => string = newTokenId,
  operation = 'saveToken',
): SavePlan {
  if (existing) return { action: 'update', token: { ...existing, ...incoming, id: existing.id } };
  if (!hasCredential(incoming)) {
    throw new TokenStoreError('INVALID_TOKEN', 'a new token needs an access, refresh or grant token', {
      operation,
    });
  }
  return { action: 'insert', token: { ...incoming, id: incoming.id ?? makeId() } };
}

/** The unique field of `token` that `other` (a different stored token) also holds, if any. */
export function sharedUniqueField(token: OAuthToken, other: OAuthToken): string | undefined {
  if (other.id !== undefined && other.id === token.id) return undefined;
  return UNIQUE_FIELDS.find((f) => token[f] !== undefined && token[f] === other[f]);
}

export function conflictError(field: string, operation = 'saveToken'): TokenStoreError {
  return new TokenStoreError('CONFLICT', `another stored token already holds this ${field}`, { operation });
}
