// Closing: idempotent, later calls reject with CLOSED, `await using` closes, other instances go on.
import { describe, expect, it } from 'vitest';
import { type CaseContext, outcome } from './target.js';

export function closeCases(ctx: CaseContext, hasReopen: boolean) {
  describe('close', () => {
    it('close is idempotent, and every later call rejects with CLOSED', async () => {
      const store = await ctx.store();
      const saved = await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
      await store.close();
      await store.close();
      const calls = [
        store.findToken({ userName: saved.userName! }),
        store.findTokenById(saved.id),
        store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') }),
        store.deleteToken(saved.id),
        store.getTokens(),
        store.deleteTokens(),
      ];
      for (const call of calls) {
        const result = await outcome<unknown>(call);
        expect(result.ok ? 'resolved' : result.error.code).toBe('CLOSED');
      }
    });

    it('Symbol.asyncDispose closes the store', async () => {
      const store = await ctx.store();
      await store[Symbol.asyncDispose]();
      const result = await outcome(store.getTokens());
      expect(result.ok ? 'resolved' : result.error.code).toBe('CLOSED');
    });

    it.skipIf(!hasReopen)('closing one instance leaves another on the same namespace working', async () => {
      const store = await ctx.store();
      const other = await ctx.reopen(store);
      const saved = await store.saveToken({ userName: ctx.unique('user'), accessToken: ctx.unique('at') });
      await other.close();
      expect((await store.findTokenById(saved.id))?.id).toBe(saved.id);
      // A fresh instance sees what the first one wrote: it was durable, not only cached.
      const third = await ctx.reopen(store);
      expect((await third.findTokenById(saved.id))?.userName).toBe(saved.userName);
    });
  });
}
