// Runs the built demo (dist/cli.js) as a user would, in a child process, and collects what it prints.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface DemoProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (signals count as failures). */
  exited: Promise<number>;
}

export function startDemo(args: string[], env: NodeJS.ProcessEnv = {}): DemoProcess {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => (typeof code === 'number' ? code : -1));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitFor(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (child.exitCode !== null)
          throw new Error(`the demo exited (${child.exitCode}) before ${pattern}: ${err}`);
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms; stdout: ${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Runs the demo to its end; returns its exit code and output. */
export async function runDemo(args: string[], env: NodeJS.ProcessEnv = {}) {
  const demo = startDemo(args, env);
  const code = await demo.exited;
  return { code, stdout: demo.stdout(), stderr: demo.stderr() };
}

/** The lines of one numbered step of the demo's output ("2. ..." up to the next step or the end). */
export function stepText(stdout: string, step: number): string {
  const start = stdout.indexOf(`\n${step}. `);
  if (start < 0) return '';
  const next = stdout.indexOf(`\n${step + 1}. `, start + 1);
  const done = stdout.indexOf('\nDone in', start + 1);
  const end = next >= 0 ? next : done >= 0 ? done : stdout.length;
  return stdout.slice(start, end);
}
