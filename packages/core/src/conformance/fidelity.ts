// Field fidelity: what is saved is what is read back, exactly, by every read method; absent stays absent.
import { describe, expect, it } from 'vitest';
import type { OAuthToken } from '../token.js';
import type { TokenStore } from '../token-store.js';
import type { CaseContext } from './target.js';

async function expectRoundTrip(store: TokenStore, token: OAuthToken) {
  const saved = await store.saveToken(token);
  const expected = { ...token, id: saved.id };
  expect({ ...saved }).toEqual(expected);
  expect({ ...(await store.findTokenById(saved.id)) }).toEqual(expected);
  expect({ ...(await store.findToken({ userName: token.userName! })) }).toEqual(expected);
  expect((await store.getTokens()).map((t) => ({ ...t }))).toContainEqual(expected);
}

const awkward: Record<string, string> = {
  emoji: '🔑🧑‍💻👍🏽 tokens',
  cjk: '東京都 トークン 令牌 토큰',
  rtl: 'مرحبا بالعالم שלום',
  combining: 'e\u0301 n\u0303 a\u030a Z\u0351\u0352',
  quotes: `it's "quoted" \`back\``,
  commas: 'a,b,,c,',
  newlines: 'line1\nline2\r\nline3\n',
  wildcards: '100%_done_%',
  backslashes: 'C:\\path\\to\\ \\\\ \\n \\0',
  sql: "x'); DROP TABLE oauthtoken; -- ' OR '1'='1",
  lua: 'end; redis.call("FLUSHALL") --[[ ]]',
  spaces: '  padded value  ',
};

export function fidelityCases(ctx: CaseContext) {
  describe('field fidelity', () => {
    it('every field round-trips exactly through save, findTokenById, findToken and getTokens', async () => {
      const store = await ctx.store();
      const u = ctx.unique();
      await expectRoundTrip(store, {
        userName: `user-${u}@example.com:12345`,
        clientId: `1000.${u}`,
        clientSecret: `secret-${u}`,
        accessToken: `1000.access.${u}`,
        refreshToken: `1000.refresh.${u}`,
        grantToken: `1000.grant.${u}`,
        expiresAt: 1_767_225_600_123,
        redirectUrl: `https://example.com/callback?u=${u}`,
        apiDomain: 'https://www.zohoapis.eu',
      });
    });

    it('a field that was absent stays absent (not "" and not null)', async () => {
      const store = await ctx.store();
      const saved = await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
      const found = await store.findTokenById(saved.id);
      expect(Object.keys(found!).sort()).toEqual(['accessToken', 'id', 'userName']);
      const all = await store.getTokens();
      expect(Object.keys(all[0]!).sort()).toEqual(['accessToken', 'id', 'userName']);
    });

    for (const [kind, text] of Object.entries(awkward)) {
      it(`values with ${kind} round-trip exactly and are matched exactly`, async () => {
        const store = await ctx.store();
        const u = ctx.unique();
        await expectRoundTrip(store, {
          userName: `${text}|${u}`,
          accessToken: `${text}|at-${u}`,
          redirectUrl: text,
          apiDomain: text,
        });
        // The value is compared as a whole: neither a prefix nor a pattern finds it.
        expect(await store.findToken({ userName: text })).toBeUndefined();
        expect(await store.findToken({ userName: `${text}|${u}`.slice(0, -1) })).toBeUndefined();
      });
    }

    it('% and _ are literal characters, not patterns', async () => {
      const store = await ctx.store();
      const u = ctx.unique();
      await store.saveToken({ userName: `a%${u}`, accessToken: ctx.unique('at') });
      await store.saveToken({ userName: `b_${u}`, accessToken: ctx.unique('at') });
      expect(await store.findToken({ userName: `a${u}` })).toBeUndefined();
      expect(await store.findToken({ userName: `bx${u}` })).toBeUndefined();
      expect((await store.findToken({ userName: `b_${u}` }))?.userName).toBe(`b_${u}`);
    });

    it('matching is exact: case and trailing spaces make a different user', async () => {
      const store = await ctx.store();
      const u = ctx.unique('User');
      const upper = await store.saveToken({ userName: u, accessToken: ctx.unique('at') });
      const lower = await store.saveToken({ userName: u.toLowerCase(), accessToken: ctx.unique('at') });
      const spaced = await store.saveToken({ userName: `${u} `, accessToken: ctx.unique('at') });
      expect(new Set([upper.id, lower.id, spaced.id]).size).toBe(3);
      expect((await store.findToken({ userName: u }))?.id).toBe(upper.id);
      expect((await store.findToken({ userName: `${u} ` }))?.id).toBe(spaced.id);
      expect(await store.getTokens()).toHaveLength(3);
    });

    it('8 KiB values (ASCII and multi-byte) round-trip in every string field', async () => {
      const store = await ctx.store();
      const u = ctx.unique();
      const big = (seed: string) => `${seed}.${'x'.repeat(8192 - seed.length - 1)}`;
      const wide = (seed: string) => `${seed}.${'é'.repeat((8192 - seed.length - 1) / 2)}`.slice(0, 4000);
      await expectRoundTrip(store, {
        userName: big(`user-${u}`),
        clientId: big(`client-${u}`),
        clientSecret: big('secret'),
        accessToken: big(`at-${u}`),
        refreshToken: big(`rt-${u}`),
        grantToken: wide(`gt-${u}`),
        redirectUrl: big('https://example.com/'),
        apiDomain: wide('domain'),
      });
    });

    it('expiresAt is a number of epoch milliseconds, exact', async () => {
      const store = await ctx.store();
      for (const expiresAt of [0, 1_700_000_000_001, 8_640_000_000_000_000]) {
        const saved = await store.saveToken({
          userName: ctx.unique('user'),
          accessToken: ctx.unique(),
          expiresAt,
        });
        const found = await store.findTokenById(saved.id);
        expect(found?.expiresAt).toBe(expiresAt);
        expect(typeof found?.expiresAt).toBe('number');
      }
    });
  });
}
