// Merge-on-update and id assignment: an update keeps what it does not carry; ids are given once.
import { describe, expect, it } from 'vitest';
import type { CaseContext } from './target.js';

export function mergeCases(ctx: CaseContext) {
  describe('merge on update and ids', () => {
    it('a save without refreshToken keeps the stored one (a refresh response without a new one)', async () => {
      const store = await ctx.store();
      const user = ctx.unique('user');
      const rt = ctx.unique('rt');
      await store.saveToken({
        userName: user,
        refreshToken: rt,
        accessToken: ctx.unique('old'),
        expiresAt: 1,
      });
      const fresh = ctx.unique('new');
      const updated = await store.saveToken({ userName: user, accessToken: fresh, expiresAt: 2 });
      expect(updated).toMatchObject({ refreshToken: rt, accessToken: fresh, expiresAt: 2 });
      expect(await store.findToken({ userName: user })).toMatchObject({
        refreshToken: rt,
        accessToken: fresh,
      });
    });

    it('fields present in the save overwrite, absent fields keep their stored values', async () => {
      const store = await ctx.store();
      const user = ctx.unique('user');
      const first = await store.saveToken({
        userName: user,
        clientId: 'client',
        clientSecret: 'secret',
        refreshToken: ctx.unique('rt'),
        redirectUrl: 'https://a.example/cb',
        apiDomain: 'https://www.zohoapis.com',
      });
      const updated = await store.saveToken({ userName: user, apiDomain: 'https://www.zohoapis.eu' });
      expect({ ...updated }).toEqual({ ...first, apiDomain: 'https://www.zohoapis.eu' });
    });

    it('the id is assigned on the first save and kept by every update', async () => {
      const store = await ctx.store();
      const user = ctx.unique('user');
      const first = await store.saveToken({ userName: user, accessToken: ctx.unique('at') });
      for (let i = 0; i < 3; i++) {
        const next = await store.saveToken({ userName: user, accessToken: ctx.unique('at'), expiresAt: i });
        expect(next.id).toBe(first.id);
      }
      expect((await store.findTokenById(first.id))?.expiresAt).toBe(2);
    });

    it('new ids are distinct, URL-safe and at most 10 characters', async () => {
      const store = await ctx.store();
      const ids = new Set<string>();
      for (let i = 0; i < 25; i++) {
        const saved = await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
        expect(saved.id).toMatch(/^[A-Za-z0-9_-]{1,10}$/);
        ids.add(saved.id);
      }
      expect(ids.size).toBe(25);
    });
  });
}
