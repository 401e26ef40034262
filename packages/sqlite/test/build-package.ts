// Vitest global setup: builds this package before its tests run. Child processes (test/fixtures/*.mjs)
// and the README quick start import the built package, as users do, and turbo's `test` task builds only
// this package's dependencies, not the package itself.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function buildPackage(): void {
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  const require = createRequire(join(packageDir, 'package.json'));
  const tsupPackage = require.resolve('tsup/package.json');
  const bin = (require(tsupPackage) as { bin: Record<string, string> }).bin['tsup']!;
  try {
    execFileSync(process.execPath, [join(dirname(tsupPackage), bin), '--silent'], {
      cwd: packageDir,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 120_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`[sqlite] building the package for its tests failed:\n${stderr}`);
  }
}
