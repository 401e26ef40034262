// Vitest global setup: builds dist/ before any test runs. The multi-process tests' children and the
// README quick start import the built package ('@tokens/file'), and `turbo run test` builds only this
// package's dependencies, not the package itself; so every way of running the tests builds it here.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function buildDist(): void {
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  const tsupManifest = createRequire(import.meta.url).resolve('tsup/package.json');
  const bin = (JSON.parse(readFileSync(tsupManifest, 'utf8')) as { bin: { tsup: string } }).bin.tsup;
  execFileSync(process.execPath, [join(dirname(tsupManifest), bin), '--silent'], {
    cwd: packageDir,
    stdio: 'inherit',
  });
}
