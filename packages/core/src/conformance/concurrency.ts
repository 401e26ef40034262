// Invariants under concurrency, on one instance and across two instances of one namespace: one token per
// identity, no torn writes, one id per token, and exactly one winner when unique values collide.
import { describe, expect, it } from 'vitest';
import type { TokenStore } from '../token-store.js';
import { type CaseContext, outcome } from './target.js';

const N = 50;

export function concurrencyCases(ctx: CaseContext, hasReopen: boolean) {
  const modes = [
    { label: 'one instance', skip: undefined },
    { label: 'two instances', skip: hasReopen ? undefined : 'the target gives no second-instance factory' },
  ];
  for (const mode of modes) {
    const title = `concurrency (${mode.label})${mode.skip ? ` — skipped: ${mode.skip}` : ''}`;
    describe.skipIf(mode.skip !== undefined)(title, () => {
      const instances = async (): Promise<[TokenStore, TokenStore]> => {
        const store = await ctx.store();
        return [store, mode.label === 'one instance' ? store : await ctx.reopen(store)];
      };

      it(`${N} parallel saves of one identity leave one token whose fields all come from one write`, async () => {
        const [a, b] = await instances();
        const user = ctx.unique('user');
        const u = ctx.unique();
        const writes = Array.from({ length: N }, (_, i) => ({
          userName: user,
          accessToken: `at-${i}-${u}`,
          refreshToken: `rt-${i}-${u}`,
          expiresAt: i,
          redirectUrl: `https://example.com/${i}`,
        }));
        const results = await Promise.all(writes.map((w, i) => (i % 2 ? b : a).saveToken(w)));
        expect(new Set(results.map((r) => r.id)).size).toBe(1);
        const all = await a.getTokens();
        expect(all).toHaveLength(1);
        const i = all[0]!.expiresAt!;
        expect({ ...all[0] }).toEqual({ ...writes[i], id: results[0]!.id });
        expect(await ctx.raw(a as never)).toHaveLength(1);
      });

      it(`${N} parallel saves of distinct identities leave ${N} tokens with ${N} ids`, async () => {
        const [a, b] = await instances();
        const results = await Promise.all(
          Array.from({ length: N }, (_, i) =>
            (i % 2 ? b : a).saveToken({ userName: ctx.unique(`user${i}`), accessToken: ctx.unique('at') }),
          ),
        );
        expect(new Set(results.map((r) => r.id)).size).toBe(N);
        const all = await b.getTokens();
        expect(all.map((t) => t.id).sort()).toEqual(results.map((r) => r.id).sort());
      });

      it('parallel inserts of one refresh-token identity make one token', async () => {
        const [a, b] = await instances();
        const client = { clientId: ctx.unique('client'), clientSecret: 'secret' };
        const rt = ctx.unique('rt');
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? b : a).saveToken({ refreshToken: rt, ...client, expiresAt: i }),
          ),
        );
        expect(new Set(results.map((r) => r.id)).size).toBe(1);
        expect(await a.getTokens()).toHaveLength(1);
      });

      it('parallel saves of different users with one access token: one wins, the rest get CONFLICT', async () => {
        const [a, b] = await instances();
        const at = ctx.unique('at');
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            outcome((i % 2 ? b : a).saveToken({ userName: ctx.unique(), accessToken: at })),
          ),
        );
        const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
        expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
        expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(9);
        expect(await a.getTokens()).toHaveLength(1);
      });
    });
  }
}
