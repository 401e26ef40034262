// Test support: runs test/fixtures/writer.mjs in a child process and collects the saves it reports.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('./fixtures/writer.mjs', import.meta.url));

export interface ReportedSave {
  id: string;
  userName: string;
  accessToken: string;
}

export interface WriterProcess {
  child: ChildProcess;
  /** Saves the child reported as resolved, so far. */
  saves: ReportedSave[];
  /** Codes of the saves the child reported as failed, so far. */
  failures: string[];
  /** Resolves when the child has reported `count` saves (rejects if it exits first). */
  savedAtLeast(count: number): Promise<void>;
  /** Resolves with the exit code (or signal) once the child has exited and its output is read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function startWriter(path: string, name: string, staleMs = 2000): WriterProcess {
  const child = spawn(process.execPath, [FIXTURE, path, name, String(staleMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const saves: ReportedSave[] = [];
  const failures: string[] = [];
  const waiters: { count: number; resolve(): void; reject(error: Error): void }[] = [];
  let stderr = '';
  let pending = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdout!.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines.filter((l) => l.startsWith('{'))) {
      const report = JSON.parse(line) as ReportedSave | { error: string };
      if ('error' in report) failures.push(report.error);
      else saves.push(report);
    }
    for (const w of waiters.filter((w) => saves.length >= w.count)) w.resolve();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) =>
      child.on('close', (code, signal) => {
        for (const w of waiters) w.reject(new Error(`writer ${name} exited (${code ?? signal}): ${stderr}`));
        resolve({ code, signal, stderr });
      }),
  );
  return {
    child,
    saves,
    failures,
    exited,
    savedAtLeast: (count) =>
      saves.length >= count
        ? Promise.resolve()
        : new Promise((resolve, reject) => waiters.push({ count, resolve, reject })),
  };
}
