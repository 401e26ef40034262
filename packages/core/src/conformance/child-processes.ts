// Runs the kit's worker script (conformance-worker/save-many.mjs, shipped in the package) in child
// processes that all start their work at the same moment, and collects what each reports.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OAuthToken } from '../token.js';

export interface ChildJob {
  /** File URL of the module exporting the store class. */
  module: string;
  exportName: string;
  options: unknown;
  saves: OAuthToken[];
  lock?: { key: string; userName: string; increments: number };
}

export interface ChildReport {
  saved: number;
  increments: number;
  failures: string[];
}

// Through the package's own exports map, so the path is right from src/ (the kit's tests), from dist/
// in ESM and in CJS, and once published.
const WORKER = createRequire(import.meta.url).resolve('@tokens/core/conformance-worker');

/** The adapter's module as a file URL the child can import, or a clear error for anything else. */
export function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (module.startsWith('file:')) return module;
  if (isAbsolute(module)) return pathToFileURL(module).href;
  throw new Error(
    `processes.module must be a file URL or an absolute path, not "${module}": ` +
      `pass import.meta.resolve('<your package>') from your test file`,
  );
}

/**
 * Starts one child per job; they begin their saves together, about a second after the call. Resolves
 * with every child's report, failed saves included; rejects if a child ends without one.
 */
export async function runChildren(jobs: ChildJob[], timeoutMs: number): Promise<ChildReport[]> {
  const startAt = Date.now() + 1000;
  return Promise.all(
    jobs.map(
      (job, p) =>
        new Promise<ChildReport>((resolve, reject) => {
          const argument = JSON.stringify({ ...job, startAt });
          execFile(process.execPath, [WORKER, argument], { timeout: timeoutMs }, (error, stdout, stderr) => {
            // A child whose saves failed still reports (and exits 1); one that crashed or hung does not.
            const report = stdout.trim().split('\n').at(-1) ?? '';
            if (report.startsWith('{')) return resolve(JSON.parse(report) as ChildReport);
            const exit = error ? (error.signal ?? `exit code ${error.code}`) : 'no report';
            reject(new Error(`process ${p} of the kit's worker failed (${exit}):\n${stdout}${stderr}`));
          });
        }),
    ),
  );
}
