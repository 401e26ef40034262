// The identity rules as a function, apart from any store: the precedence between the rules.
import { describe, expect, it } from 'vitest';
import { identityOf, matchesIdentity } from '../src/index.js';

describe('identityOf', () => {
  const client = { clientId: 'c', clientSecret: 's' };
  it('follows the order id, userName, lone access token, grant token, refresh token', () => {
    const all = { id: 'i', userName: 'u', accessToken: 'a', grantToken: 'g', refreshToken: 'r', ...client };
    expect(identityOf(all, { withId: true })).toEqual({ by: 'id', value: 'i' });
    expect(identityOf(all)).toEqual({ by: 'userName', value: 'u' });
    expect(identityOf({ accessToken: 'a', grantToken: 'g' })).toEqual({ by: 'accessToken', value: 'a' });
    expect(identityOf({ accessToken: 'a', grantToken: 'g', refreshToken: 'r', ...client })).toEqual({
      by: 'grantToken',
      value: 'g',
      clientId: 'c',
    });
    expect(identityOf({ refreshToken: 'r', ...client })).toEqual({
      by: 'refreshToken',
      value: 'r',
      clientId: 'c',
    });
  });

  it('gives no identity without a rule that applies', () => {
    expect(identityOf({})).toBeUndefined();
    expect(identityOf({ userName: '', refreshToken: 'r', clientId: 'c' })).toBeUndefined();
    expect(identityOf({ accessToken: 'a', clientSecret: 's' })).toBeUndefined();
    expect(identityOf({ id: 'i' })).toBeUndefined();
  });

  it('matches grant and refresh tokens only within the same client', () => {
    const identity = identityOf({ refreshToken: 'r', ...client })!;
    expect(matchesIdentity({ refreshToken: 'r', clientId: 'c' }, identity)).toBe(true);
    expect(matchesIdentity({ refreshToken: 'r', clientId: 'other' }, identity)).toBe(false);
    expect(matchesIdentity({ refreshToken: 'r' }, identity)).toBe(false);
  });
});
