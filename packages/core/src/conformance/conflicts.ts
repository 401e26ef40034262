// Unique values: a save that would give a token another token's userName or credential fails with
// CONFLICT and writes nothing.
import { describe, expect, it } from 'vitest';
import { type CaseContext, outcome } from './target.js';

export function conflictCases(ctx: CaseContext) {
  describe('conflicts', () => {
    it("a new token carrying another token's access token is refused with CONFLICT", async () => {
      const store = await ctx.store();
      const at = ctx.unique('at');
      const owner = await store.saveToken({ userName: ctx.unique('owner'), accessToken: at });
      const before = await ctx.raw(store);
      const result = await outcome(store.saveToken({ userName: ctx.unique('thief'), accessToken: at }));
      expect(result.ok ? 'resolved' : result.error.code).toBe('CONFLICT');
      expect(await ctx.raw(store)).toEqual(before);
      expect((await store.getTokens()).map((t) => t.id)).toEqual([owner.id]);
    });

    it("an update taking another token's refresh token is refused and changes nothing", async () => {
      const store = await ctx.store();
      const rt = ctx.unique('rt');
      await store.saveToken({ userName: ctx.unique('a'), refreshToken: rt });
      const b = await store.saveToken({ userName: ctx.unique('b'), refreshToken: ctx.unique('rt') });
      const result = await outcome(
        store.saveToken({ userName: b.userName!, refreshToken: rt, expiresAt: 9 }),
      );
      expect(result.ok ? 'resolved' : result.error.code).toBe('CONFLICT');
      expect({ ...(await store.findTokenById(b.id)) }).toEqual({ ...b });
    });

    it("a save by id taking another token's userName is refused", async () => {
      const store = await ctx.store();
      const a = await store.saveToken({ userName: ctx.unique('a'), accessToken: ctx.unique('at') });
      const b = await store.saveToken({ userName: ctx.unique('b'), accessToken: ctx.unique('at') });
      const result = await outcome(store.saveToken({ id: b.id, userName: a.userName! }));
      expect(result.ok ? 'resolved' : result.error.code).toBe('CONFLICT');
      expect((await store.findTokenById(b.id))?.userName).toBe(b.userName);
    });

    it('a grant token is unique across clients too', async () => {
      const store = await ctx.store();
      const gt = ctx.unique('gt');
      await store.saveToken({ grantToken: gt, clientId: ctx.unique('c1'), clientSecret: 's' });
      const result = await outcome(
        store.saveToken({ grantToken: gt, clientId: ctx.unique('c2'), clientSecret: 's' }),
      );
      expect(result.ok ? 'resolved' : result.error.code).toBe('CONFLICT');
      expect(await store.getTokens()).toHaveLength(1);
    });
  });
}
