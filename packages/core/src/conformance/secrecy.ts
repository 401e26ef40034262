// Secrets never leak: not in error messages, causes, inspect or JSON output of errors and tokens.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type CaseContext, outcome } from './target.js';

export function secrecyCases(ctx: CaseContext) {
  describe('secrets stay secret', () => {
    it('errors from refused saves show no token or client secret', async () => {
      const store = await ctx.store();
      const secrets = { accessToken: ctx.unique('SECRET-at'), refreshToken: ctx.unique('SECRET-rt') };
      await store.saveToken({ userName: ctx.unique('owner'), ...secrets, clientSecret: 'SECRET-cs' });
      const failures = [
        await outcome(
          store.saveToken({ userName: ctx.unique('thief'), ...secrets, clientSecret: 'SECRET-cs' }),
        ),
        await outcome(store.saveToken({ userName: 'u', accessToken: `SECRET-${'x'.repeat(20_000)}` })),
        await outcome(store.saveToken({ refreshToken: 'SECRET-orphan', clientSecret: 'SECRET-cs2' })),
      ];
      for (const failure of failures) {
        expect(failure.ok).toBe(false);
        if (failure.ok) continue;
        const shown = [
          failure.error.message,
          String(failure.error),
          failure.error.stack,
          inspect(failure.error, { depth: 5 }),
          JSON.stringify(failure.error),
          inspect(failure.error.cause, { depth: 5 }),
        ].join('\n');
        expect(shown).not.toContain('SECRET');
      }
    });

    it('a token returned by the store prints its secrets redacted but keeps them for use', async () => {
      const store = await ctx.store();
      const saved = await store.saveToken({
        userName: ctx.unique('user'),
        clientId: 'client-id',
        clientSecret: 'SECRET-cs',
        accessToken: ctx.unique('SECRET-at'),
        refreshToken: ctx.unique('SECRET-rt'),
        grantToken: ctx.unique('SECRET-gt'),
      });
      const found = await store.findTokenById(saved.id);
      for (const token of [saved, found, ...(await store.getTokens())]) {
        expect(inspect(token)).not.toContain('SECRET');
        expect(JSON.stringify(token)).not.toContain('SECRET');
        expect(inspect(token)).toContain('client-id');
        expect(token?.accessToken).toBe(saved.accessToken);
        expect(JSON.stringify({ ...token })).toContain(saved.accessToken);
      }
    });
  });
}
