// Runs a package README's quick start as written: the first ```js block under "## Quick start" is saved
// in the package's .quick-start/ folder (so `import '@tokens/<name>'` resolves as it would for a user) and
// run with node.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function quickStartCode(packageDir: string): string {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const match = /## Quick start[\s\S]*?```js\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error(`no \`\`\`js block under "## Quick start" in ${packageDir}/README.md`);
  return match[1]!;
}

/** Runs the quick start with `env` added to the environment; resolves to its stdout. */
export async function runQuickStart(packageDir: string, env: Record<string, string> = {}): Promise<string> {
  const dir = join(packageDir, '.quick-start');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `quick-start-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(file, quickStartCode(packageDir));
  const { stdout } = await run(process.execPath, [file], {
    cwd: dir,
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return stdout;
}
