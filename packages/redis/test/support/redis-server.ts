// Throwaway redis-server processes for tests that must stop, restart or cluster a server: spare ports
// found by binding port 0, a temp dir per server, readiness by polling PING, and a clean stop.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** Why throwaway servers cannot be started here, or undefined when they can. */
export function redisServerProblem(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 'no redis-server binary on PATH';
  return undefined;
}

function canListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

/** A port the OS says is free, whose cluster bus port (port + 10000) is free too. */
export async function sparePort(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = await canListen(0);
    if (port && port + 10_000 <= 65_535 && (await canListen(port + 10_000))) return port;
  }
  throw new Error('no spare port pair found');
}

/** Polls until `check` resolves truthy, or fails after `timeoutMs`. */
export async function pollUntil<T>(what: string, check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`, { cause: last });
    await sleep(50);
  }
}

/** Runs one command on a short-lived connection that never retries. */
export async function oneCommand(port: number, command: string, ...args: string[]): Promise<unknown> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return await client.call(command, ...args);
  } finally {
    client.disconnect();
  }
}

export class RedisServer {
  #child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly args: string[],
  ) {}

  /** Starts a server on a spare port with `args` added (e.g. cluster or persistence options). */
  static async start(args: string[] = []): Promise<RedisServer> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await sparePort();
      const server = new RedisServer(port, mkdtempSync(join(tmpdir(), `tokens-redis-${port}-`)), args);
      try {
        await server.restart();
        return server;
      } catch (error) {
        // Another process may have taken the port between the probe and the bind.
        lastError = error;
        await server.stop();
      }
    }
    throw lastError;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port and directory, and waits until it answers PING. */
  async restart(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
        ...['--save', '', '--daemonize', 'no', '--logfile', join(this.dir, 'redis.log')],
        ...this.args,
      ],
      { stdio: 'ignore' },
    );
    this.#child = child;
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    await pollUntil(`redis-server on port ${this.port}`, async () => {
      if (exited) throw new Error(`redis-server on port ${this.port} exited at start`);
      return (await oneCommand(this.port, 'PING')) === 'PONG';
    });
  }

  /** Kills the process at once (SIGKILL: no goodbye to clients), and waits for it to be gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** Kills the process and deletes its directory. */
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
