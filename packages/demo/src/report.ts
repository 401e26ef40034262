// The demo's narration: numbered steps, indented details, and each step's time and token-endpoint calls.
// A step whose check fails throws DemoFailure; the CLI prints it and exits non-zero.
import type { DemoServer } from './oauth-setup.js';

export class DemoFailure extends Error {
  override readonly name = 'DemoFailure';
}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new DemoFailure(message);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export class Report {
  readonly #write: (line: string) => void;
  #step = 0;

  constructor(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
    this.#write = write;
  }

  /** The step number currently running (0 before the first). */
  get current(): number {
    return this.#step;
  }

  line(text = ''): void {
    this.#write(text);
  }

  detail(text: string): void {
    this.#write(`   ${text}`);
  }

  /** Runs one numbered step, then prints how long it took and the token-endpoint calls it caused. */
  async step<T>(title: string, server: DemoServer, run: () => Promise<T>): Promise<T> {
    this.#step += 1;
    this.#write('');
    this.#write(`${this.#step}. ${title}`);
    const before = server.tokenCalls();
    const started = performance.now();
    const result = await run();
    const calls = server.tokenCalls() - before;
    this.#write(`   -> ${seconds(performance.now() - started)}, token-endpoint calls in this step: ${calls}`);
    return result;
  }
}
