// Starts a fixture script as a child process and waits for the line that says it is ready.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { FIXTURES } from './temp-db.js';

export async function startFixture(script: string, args: string[], readyLine: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, FIXTURES)), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('\n').includes(readyLine)) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code}) before "${readyLine}":\n${output}`)),
    );
  });
  return child;
}

/** Kills the child as a crash would (no cleanup, no commit) and waits until it is gone. */
export async function crash(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
