// The identity rules of CONTRACT.md, written once: which stored token a given token refers to.
// One store cannot call this: Redis runs its lookup inside an atomic server-side script
// (packages/redis/src/lua-scripts.ts), which follows these rules in Lua. Change both together; the
// conformance kit's identity cases hold every store to them.
import type { OAuthToken } from './token.js';

/**
 * What a token is looked up by. `clientId` is set for the grant/refresh rules, where only a stored token
 * of the same client matches.
 */
export type Identity =
  | { by: 'id'; value: string }
  | { by: 'userName'; value: string }
  | { by: 'accessToken'; value: string }
  | { by: 'grantToken'; value: string; clientId: string }
  | { by: 'refreshToken'; value: string; clientId: string };

const present = (value: string | undefined): value is string => typeof value === 'string' && value !== '';

/**
 * The first identity rule that applies to `token`, or `undefined` when none does.
 * Rule 1 (`id`) applies only when `withId` is set, as it is for `saveToken`; `findToken` looks up by
 * rules 2-4 only.
 */
export function identityOf(token: OAuthToken, { withId = false } = {}): Identity | undefined {
  if (withId && present(token.id)) return { by: 'id', value: token.id };
  if (present(token.userName)) return { by: 'userName', value: token.userName };
  const hasClientId = present(token.clientId);
  const hasClientSecret = present(token.clientSecret);
  if (present(token.accessToken) && !hasClientId && !hasClientSecret) {
    return { by: 'accessToken', value: token.accessToken };
  }
  if (hasClientId && hasClientSecret) {
    if (present(token.grantToken))
      return { by: 'grantToken', value: token.grantToken, clientId: token.clientId! };
    if (present(token.refreshToken)) {
      return { by: 'refreshToken', value: token.refreshToken, clientId: token.clientId! };
    }
  }
  return undefined;
}

/** Whether `stored` is the token `identity` refers to. */
export function matchesIdentity(stored: OAuthToken, identity: Identity): boolean {
  if (stored[identity.by] !== identity.value) return false;
  if (identity.by === 'grantToken' || identity.by === 'refreshToken')
    return stored.clientId === identity.clientId;
  return true;
}
