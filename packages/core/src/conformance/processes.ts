// Invariants across processes: several processes, each with its own instance of the store on one
// namespace, save at the same moment. Every token arrives, no identity is stored twice, a token that all
// of them save holds the fields of one write, lookups agree with getTokens, and withLock sections on the
// lock capability exclude each other across processes.
import { describe, expect, it } from 'vitest';
import type { OAuthToken } from '../token.js';
import type { TokenStore } from '../token-store.js';
import { moduleUrl, runChildren } from './child-processes.js';
import { duplicates, groupBy, INCREMENTS, identityKey, PROCESSES, SAVES, tokenFor } from './process-plan.js';
import type { CaseContext, ProcessTarget } from './target.js';

export function processCases<S extends TokenStore>(
  ctx: CaseContext<S>,
  name: string,
  target: ProcessTarget<S> | undefined,
  locks: boolean,
  timeoutMs: number,
) {
  const skip = target ? undefined : 'the target gives no `processes` (how a child process opens the store)';
  describe.skipIf(skip !== undefined)(`across processes${skip ? ` — skipped: ${skip}` : ''}`, () => {
    const jobOf = (store: S) => ({
      module: moduleUrl(target!.module),
      exportName: target!.exportName,
      options: JSON.parse(JSON.stringify(target!.options(store))) as unknown,
    });

    it(`${PROCESSES} processes x ${SAVES} saves leave every token, no identity twice, shared ones from one write`, {
      timeout: timeoutMs,
    }, async () => {
      const store = await ctx.store();
      const run = ctx.unique('run');
      const writes = Array.from({ length: PROCESSES }, (_, p) =>
        Array.from({ length: SAVES }, (_, i) => tokenFor(run, p, i)),
      );
      const reports = await runChildren(
        writes.map((saves) => ({ ...jobOf(store), saves })),
        timeoutMs,
      );

      const all = await store.getTokens();
      const byIdentity = groupBy(writes.flat(), identityKey);
      const repeated =
        duplicates(all.map((t) => t.id)) +
        duplicates(all.map((t) => t.userName)) +
        duplicates(all.map((t) => t.accessToken)) +
        duplicates(all.map((t) => t.refreshToken && `${t.clientId}:${t.refreshToken}`));
      const failed = reports.flatMap((r) => r.failures);
      console.log(
        `[multi-process] ${name}: ${PROCESSES} processes x ${SAVES} saves, ${all.length} tokens ` +
          `(${byIdentity.size} expected), ${repeated} duplicates, ${failed.length} failed saves`,
      );
      expect(failed).toEqual([]);
      expect(reports.map((r) => r.saved)).toEqual(writes.map(() => SAVES));
      expect(repeated).toBe(0);
      expect(all).toHaveLength(byIdentity.size);
      expect(await ctx.raw(store)).toHaveLength(byIdentity.size);

      for (const saves of byIdentity.values()) {
        const { id: _id, ...fields } = { ...(await store.findToken(saves[0]!)) } as OAuthToken;
        // One save: exactly its fields. Several: the fields of one of them, not a mix.
        expect(saves).toContainEqual(fields);
      }
      // No lookup finds a token by a value it no longer holds (a stale index entry, say).
      for (const { accessToken } of writes.flat()) {
        if (accessToken === undefined) continue;
        const holder = all.find((t) => t.accessToken === accessToken);
        expect((await store.findToken({ accessToken }))?.id ?? null).toBe(holder?.id ?? null);
      }
      await target!.check?.(store);
    });

    it.skipIf(!locks)(
      `${PROCESSES} processes x ${INCREMENTS} withLock increments lose no update`,
      {
        timeout: timeoutMs,
      },
      async () => {
        const store = await ctx.store();
        const lock = {
          key: ctx.unique('counter-key'),
          userName: ctx.unique('counter'),
          increments: INCREMENTS,
        };
        await store.saveToken({ userName: lock.userName, accessToken: ctx.unique('at'), expiresAt: 0 });
        const reports = await runChildren(
          Array.from({ length: PROCESSES }, () => ({ ...jobOf(store), saves: [], lock })),
          timeoutMs,
        );
        const counter = (await store.findToken({ userName: lock.userName }))?.expiresAt ?? 0;
        const done = reports.reduce((sum, r) => sum + r.increments, 0);
        const failed = reports.flatMap((r) => r.failures);
        console.log(
          `[multi-process] ${name}: ${PROCESSES} processes x ${INCREMENTS} locked increments, ` +
            `counter ${counter} of ${done} done (${done - counter} lost), ${failed.length} failed`,
        );
        expect(failed).toEqual([]);
        expect(done).toBe(PROCESSES * INCREMENTS);
        expect(counter).toBe(done);
      },
    );
  });
}
