// The identity rules, each as its own case, including the traps the Zoho stores fall into.
import { describe, expect, it } from 'vitest';
import type { CaseContext } from './target.js';

export function identityCases(ctx: CaseContext) {
  describe('identity rules', () => {
    it('rule 1: a save with an id updates that token, whatever else it carries', async () => {
      const store = await ctx.store();
      const saved = await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
      const renamed = ctx.unique('renamed');
      const updated = await store.saveToken({ id: saved.id, userName: renamed });
      expect(updated.id).toBe(saved.id);
      expect((await store.findTokenById(saved.id))?.userName).toBe(renamed);
      expect(await store.getTokens()).toHaveLength(1);
    });

    it('rule 1: a save with an id no token has inserts the token under that id', async () => {
      const store = await ctx.store();
      const saved = await store.saveToken({
        id: '7',
        userName: ctx.unique('user'),
        accessToken: ctx.unique(),
      });
      expect(saved.id).toBe('7');
      expect((await store.findTokenById('7'))?.userName).toBe(saved.userName);
    });

    it('rule 2: userName finds the token of that user, exactly', async () => {
      const store = await ctx.store();
      const user = ctx.unique('user');
      const saved = await store.saveToken({ userName: user, refreshToken: ctx.unique('rt') });
      await store.saveToken({ userName: ctx.unique('other'), refreshToken: ctx.unique('rt') });
      expect((await store.findToken({ userName: user }))?.id).toBe(saved.id);
    });

    it('rule 2: an unknown userName finds nothing, with no fallback to the other fields', async () => {
      const store = await ctx.store();
      const at = ctx.unique('at');
      const rt = ctx.unique('rt');
      const client = { clientId: ctx.unique('client'), clientSecret: 'secret' };
      await store.saveToken({ userName: ctx.unique('user'), accessToken: at, refreshToken: rt, ...client });
      expect(await store.findToken({ userName: ctx.unique('nobody'), accessToken: at })).toBeUndefined();
      expect(
        await store.findToken({ userName: ctx.unique('nobody'), refreshToken: rt, ...client }),
      ).toBeUndefined();
    });

    it('rule 3: an access token without client credentials finds its token', async () => {
      const store = await ctx.store();
      const at = ctx.unique('at');
      const saved = await store.saveToken({ accessToken: at });
      expect((await store.findToken({ accessToken: at }))?.id).toBe(saved.id);
      const again = await store.saveToken({ accessToken: at, expiresAt: 42 });
      expect(again.id).toBe(saved.id);
      expect(await store.getTokens()).toHaveLength(1);
    });

    it('rule 3 does not apply when the query carries a client id or secret', async () => {
      const store = await ctx.store();
      const at = ctx.unique('at');
      await store.saveToken({
        userName: ctx.unique('user'),
        accessToken: at,
        clientId: 'c1',
        clientSecret: 's1',
      });
      expect(await store.findToken({ accessToken: at, clientId: 'c1' })).toBeUndefined();
      expect(await store.findToken({ accessToken: at, clientSecret: 's1' })).toBeUndefined();
    });

    it('rule 4: a grant token with client id and secret finds its token', async () => {
      const store = await ctx.store();
      const client = { clientId: ctx.unique('client'), clientSecret: 'secret' };
      const gt = ctx.unique('gt');
      const saved = await store.saveToken({ grantToken: gt, ...client });
      expect((await store.findToken({ grantToken: gt, ...client }))?.id).toBe(saved.id);
      const again = await store.saveToken({ grantToken: gt, ...client, accessToken: ctx.unique('at') });
      expect(again.id).toBe(saved.id);
    });

    it('rule 4: a refresh token with client id and secret finds its token', async () => {
      const store = await ctx.store();
      const client = { clientId: ctx.unique('client'), clientSecret: 'secret' };
      const rt = ctx.unique('rt');
      const saved = await store.saveToken({ refreshToken: rt, ...client });
      expect((await store.findToken({ refreshToken: rt, ...client }))?.id).toBe(saved.id);
    });

    it('rule 4: a grant token, when present, decides; the refresh token is not tried', async () => {
      const store = await ctx.store();
      const client = { clientId: ctx.unique('client'), clientSecret: 'secret' };
      const rt = ctx.unique('rt');
      await store.saveToken({ refreshToken: rt, ...client });
      expect(
        await store.findToken({ grantToken: ctx.unique('gt'), refreshToken: rt, ...client }),
      ).toBeUndefined();
    });

    it('trap: a refresh or grant token without both client credentials matches nothing', async () => {
      const store = await ctx.store();
      const client = { clientId: ctx.unique('client'), clientSecret: 'secret' };
      const rt = ctx.unique('rt');
      const gt = ctx.unique('gt');
      await store.saveToken({ refreshToken: rt, grantToken: gt, ...client });
      expect(await store.findToken({ refreshToken: rt })).toBeUndefined();
      expect(await store.findToken({ refreshToken: rt, clientId: client.clientId })).toBeUndefined();
      expect(await store.findToken({ grantToken: gt, clientSecret: client.clientSecret })).toBeUndefined();
    });

    it("trap: another client's token is never returned", async () => {
      const store = await ctx.store();
      const rt = ctx.unique('rt');
      const gt = ctx.unique('gt');
      await store.saveToken({
        refreshToken: rt,
        grantToken: gt,
        clientId: ctx.unique('a'),
        clientSecret: 's',
      });
      const intruder = { clientId: ctx.unique('b'), clientSecret: 's' };
      expect(await store.findToken({ refreshToken: rt, ...intruder })).toBeUndefined();
      expect(await store.findToken({ grantToken: gt, ...intruder })).toBeUndefined();
    });

    it('trap: when no rule applies, findToken returns undefined, never some stored token', async () => {
      const store = await ctx.store();
      await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at'), clientId: 'c' });
      await store.saveToken({ accessToken: ctx.unique('at') });
      expect(await store.findToken({})).toBeUndefined();
      expect(await store.findToken({ clientId: 'c', clientSecret: 's' })).toBeUndefined();
      expect(await store.findToken({ expiresAt: 1, redirectUrl: 'https://example.com' })).toBeUndefined();
    });

    it('saving by rules 2-4 updates the token found, never adds a second one', async () => {
      const store = await ctx.store();
      const client = { clientId: ctx.unique('client'), clientSecret: 'secret' };
      const user = ctx.unique('user');
      const rt = ctx.unique('rt');
      const first = await store.saveToken({ userName: user, refreshToken: rt, ...client });
      await store.saveToken({ userName: user, accessToken: ctx.unique('at') });
      await store.saveToken({ refreshToken: rt, ...client, expiresAt: 5 });
      const all = await store.getTokens();
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ id: first.id, userName: user, refreshToken: rt, expiresAt: 5 });
    });
  });
}
