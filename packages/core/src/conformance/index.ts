// The conformance kit: `describeConformance(target)` registers every group of cases for one store.
// Adapters (ours and third parties') call it from a vitest test file.
import { describe } from 'vitest';
import type { TokenStore } from '../token-store.js';
import { closeCases } from './close.js';
import { concurrencyCases } from './concurrency.js';
import { conflictCases } from './conflicts.js';
import { fidelityCases } from './fidelity.js';
import { identityCases } from './identity.js';
import { lockCases } from './locks.js';
import { lookupCases } from './lookups.js';
import { mergeCases } from './merge.js';
import { processCases } from './processes.js';
import { refusalCases } from './refusals.js';
import { secrecyCases } from './secrecy.js';
import { type ConformanceTarget, caseContext } from './target.js';

export type { CaseContext, ConformanceCapabilities, ConformanceTarget, ProcessTarget } from './target.js';
export { caseContext, outcome, rawText } from './target.js';

export function describeConformance<S extends TokenStore>(target: ConformanceTarget<S>): void {
  const context = caseContext(target);
  const ctx = context as never;
  const hasReopen = typeof target.reopen === 'function';
  const locks = target.capabilities?.locks === true;
  const timeoutMs = target.timeoutMs ?? 20_000;
  describe(`TokenStore conformance: ${target.name}`, { timeout: timeoutMs }, () => {
    fidelityCases(ctx);
    identityCases(ctx);
    mergeCases(ctx);
    lookupCases(ctx);
    refusalCases(ctx);
    conflictCases(ctx);
    concurrencyCases(ctx, hasReopen);
    closeCases(ctx, hasReopen);
    secrecyCases(ctx);
    lockCases(ctx, locks, hasReopen);
    // Child processes start, connect and save 200 tokens: several times one case's budget.
    processCases(context, target.name, target.processes, locks, Math.max(60_000, 3 * timeoutMs));
  });
}
