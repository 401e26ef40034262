// Reads and deletes by id, listing, and namespaces: missing ids are not errors; a namespace is a wall.
import { describe, expect, it } from 'vitest';
import { type CaseContext, outcome } from './target.js';

export function lookupCases(ctx: CaseContext) {
  describe('lookups, deletes and namespaces', () => {
    it('findTokenById of an id that is not there resolves to undefined', async () => {
      const store = await ctx.store();
      await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
      expect(await store.findTokenById('missing1')).toBeUndefined();
    });

    it('deleteToken of an id that is not there succeeds and deletes nothing', async () => {
      const store = await ctx.store();
      await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
      await expect(store.deleteToken('missing1')).resolves.toBeUndefined();
      expect(await store.getTokens()).toHaveLength(1);
    });

    it('deleteToken removes that token and only it, and deleting it again succeeds', async () => {
      const store = await ctx.store();
      const a = await store.saveToken({ userName: ctx.unique('a'), accessToken: ctx.unique('at') });
      const b = await store.saveToken({ userName: ctx.unique('b'), accessToken: ctx.unique('at') });
      await store.deleteToken(a.id);
      await store.deleteToken(a.id);
      expect(await store.findTokenById(a.id)).toBeUndefined();
      expect(await store.findToken({ userName: a.userName! })).toBeUndefined();
      expect((await store.getTokens()).map((t) => t.id)).toEqual([b.id]);
      expect(await ctx.raw(store)).toHaveLength(1);
    });

    it('getTokens lists every token of the store', async () => {
      const store = await ctx.store();
      expect(await store.getTokens()).toEqual([]);
      const saved = [];
      for (let i = 0; i < 12; i++) {
        saved.push(await store.saveToken({ userName: ctx.unique('user'), refreshToken: ctx.unique('rt') }));
      }
      const listed = await store.getTokens();
      expect(listed.map((t) => t.id).sort()).toEqual(saved.map((t) => t.id).sort());
    });

    it("deleteTokens empties this namespace and leaves another namespace's tokens alone", async () => {
      const store = await ctx.store();
      const neighbour = await ctx.store();
      await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
      const kept = await neighbour.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
      expect(await store.getTokens()).toHaveLength(1);
      await store.deleteTokens();
      expect(await store.getTokens()).toEqual([]);
      expect(await ctx.raw(store)).toEqual([]);
      expect((await neighbour.getTokens()).map((t) => t.id)).toEqual([kept.id]);
      expect(await store.findTokenById(kept.id)).toBeUndefined();
    });

    it('a malformed id is refused with INVALID_ARGUMENT', async () => {
      const store = await ctx.store();
      for (const bad of ['', 'a b', 'x'.repeat(65), 5, null, 'é']) {
        const found = await outcome(store.findTokenById(bad as string));
        expect(found.ok ? 'resolved' : found.error.code).toBe('INVALID_ARGUMENT');
        const deleted = await outcome(store.deleteToken(bad as string));
        expect(deleted.ok ? 'resolved' : deleted.error.code).toBe('INVALID_ARGUMENT');
      }
    });
  });
}
