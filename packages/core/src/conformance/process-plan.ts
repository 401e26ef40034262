// What each process of the multi-process group saves: its own identities, identities every process saves,
// and the identity of every save, so the parent knows what must be stored.
import type { OAuthToken } from '../token.js';

export const PROCESSES = 4;
export const SAVES = 50;
export const INCREMENTS = 10;

const CLIENT = { clientId: 'conformance-client', clientSecret: 'conformance-secret' };

/** Save `i` of process `p`; `run` keeps the values of one run apart from any other. */
export function tokenFor(run: string, p: number, i: number): OAuthToken {
  const tag = `${run}-p${p}-${i}`;
  switch (i % 10) {
    case 6: // a refresh-token identity of this process only (rule 4)
      return { refreshToken: `rt-${tag}`, ...CLIENT, expiresAt: i };
    case 7: // two users every process saves (rule 2)
    case 8:
      return {
        userName: `shared-${i % 10}-${run}`,
        accessToken: `at-${tag}`,
        expiresAt: p * 1000 + i,
        redirectUrl: `https://example.com/${tag}`,
      };
    case 9: // a refresh-token identity every process saves (rule 4)
      return {
        refreshToken: `shared-rt-${run}`,
        ...CLIENT,
        accessToken: `at-${tag}`,
        expiresAt: p * 1000 + i,
      };
    default: // a user of this process only (rule 2)
      return { userName: `user-${tag}`, accessToken: `at-${tag}`, refreshToken: `rt-${tag}`, expiresAt: i };
  }
}

/** The identity a save lands on, as a string, to group the saves of one token. */
export function identityKey(token: OAuthToken): string {
  return token.userName !== undefined
    ? `user:${token.userName}`
    : `rt:${token.clientId}:${token.refreshToken}`;
}

/** How many values of `values` are held by more than one token. */
export function duplicates(values: (string | undefined)[]): number {
  const seen = new Map<string, number>();
  for (const value of values) if (value !== undefined) seen.set(value, (seen.get(value) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}

/** `Map.groupBy`, which Node 20 lacks. */
export function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
