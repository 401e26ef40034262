// Refusals: bad input is rejected with its code and writes nothing (checked through the raw reader).
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_BYTES } from '../token.js';
import { type CaseContext, outcome, rawText } from './target.js';

export function refusalCases(ctx: CaseContext) {
  describe('refusals write nothing', () => {
    const refused = async (bad: unknown, code = 'INVALID_TOKEN') => {
      const store = await ctx.store();
      const kept = await store.saveToken({ userName: ctx.unique('kept'), accessToken: ctx.unique('at') });
      const before = await ctx.raw(store);
      const result = await outcome(store.saveToken(bad as never));
      expect(result.ok ? 'resolved' : result.error.code).toBe(code);
      expect(result.ok ? undefined : result.error.name).toBe('TokenStoreError');
      const after = await ctx.raw(store);
      expect(after).toEqual(before);
      expect(rawText(after)).not.toContain('marker-');
      expect({ ...(await store.findTokenById(kept.id)) }).toEqual({ ...kept });
      return store;
    };

    it('a token with no identity (no id, userName, lone access token or client-bound credential)', async () => {
      await refused({ refreshToken: 'marker-rt', expiresAt: 1 });
      await refused({ grantToken: 'marker-gt', clientId: 'marker-c' });
      await refused({ accessToken: 'marker-at', clientId: 'marker-c' });
      await refused({});
    });

    it('a new token with no credential (no access, refresh or grant token)', async () => {
      await refused({ userName: 'marker-user', clientId: 'marker-c', clientSecret: 'marker-s' });
    });

    it('fields of the wrong type', async () => {
      await refused({ userName: 'marker-u', accessToken: 'marker-at', expiresAt: '1700000000000' });
      await refused({ userName: 'marker-u', accessToken: 'marker-at', expiresAt: 1.5 });
      await refused({ userName: 'marker-u', accessToken: 12345 });
      await refused({ userName: null, accessToken: 'marker-at' });
      await refused({ userName: ['marker-u'], accessToken: 'marker-at' });
    });

    it('unknown fields, and things that are not tokens', async () => {
      await refused({ userName: 'marker-u', accessToken: 'marker-at', scope: 'marker-scope' });
      await refused('marker-token');
      await refused(null);
      await refused([{ userName: 'marker-u', accessToken: 'marker-at' }]);
    });

    it(`values longer than ${MAX_VALUE_BYTES} bytes, or not well-formed Unicode`, async () => {
      const long = `marker-${'x'.repeat(MAX_VALUE_BYTES)}`;
      await refused({ userName: 'marker-u', accessToken: long });
      await refused({ userName: long, accessToken: 'marker-at' });
      await refused({
        userName: 'marker-u',
        accessToken: 'marker-at',
        redirectUrl: `marker-${'é'.repeat(8200)}`,
      });
      await refused({ userName: 'marker-u\uD800', accessToken: 'marker-at' });
      await refused({ userName: 'marker-u\u0000x', accessToken: 'marker-at' });
    });

    it('a malformed id', async () => {
      await refused({ id: 'marker id', userName: 'marker-u', accessToken: 'marker-at' }, 'INVALID_ARGUMENT');
    });

    it('an update with a bad field leaves the stored token as it was', async () => {
      const store = await ctx.store();
      const user = ctx.unique('user');
      const saved = await store.saveToken({ userName: user, accessToken: ctx.unique('at'), expiresAt: 7 });
      const result = await outcome(
        store.saveToken({ userName: user, accessToken: 'marker-at', expiresAt: -1 }),
      );
      expect(result.ok ? 'resolved' : result.error.code).toBe('INVALID_TOKEN');
      expect({ ...(await store.findTokenById(saved.id)) }).toEqual({ ...saved });
    });
  });
}
