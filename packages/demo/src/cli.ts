#!/usr/bin/env node
// The demo's entry: `pnpm demo` (the terminal story), `pnpm demo --web` (the web page), and the hidden
// `__worker` subcommand the demo starts as its other processes.
import { removeTempDir, runCliDemo } from './cli-demo.js';
import { defaultStoreTarget, parseStoreUrl, type StoreTarget, StoreUrlError } from './open-store.js';
import { HELP, parseOptions, UsageError } from './options.js';
import { DemoFailure, Report } from './report.js';
import { serveWeb } from './web/web-server.js';
import { WORKER_COMMAND, workerMain } from './worker.js';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === WORKER_COMMAND) {
    await workerMain();
    return 0;
  }
  const options = parseOptions(argv);
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const target: StoreTarget = options.store ? parseStoreUrl(options.store) : defaultStoreTarget();
  if (options.web) {
    await serveWeb({ target, port: options.port, accessTtlSeconds: options.accessTtlSeconds });
    return 0;
  }
  const report = new Report();
  // Ctrl-C: leave no temp dir behind. Worker processes see their stdin end and exit on their own.
  process.once('SIGINT', () => {
    removeTempDir(target);
    process.stderr.write('\ndemo interrupted\n');
    process.exit(130);
  });
  try {
    await runCliDemo({ target, accessTtlSeconds: options.accessTtlSeconds, report });
  } catch (error) {
    const where = report.current > 0 ? ` at step ${report.current}` : '';
    throw Object.assign(error as Error, { where });
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error & { where?: string }) => {
    const where = error.where ?? '';
    const known = error instanceof UsageError || error instanceof StoreUrlError;
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${HELP}`);
    else if (known || error instanceof DemoFailure)
      process.stderr.write(`\ndemo failed${where}: ${error.message}\n`);
    else process.stderr.write(`\ndemo failed${where}: ${error.name}: ${error.message}${causeOf(error)}\n`);
    process.exitCode = known ? 2 : 1;
  },
);

function causeOf(error: Error): string {
  const cause = error.cause as Error | undefined;
  return cause?.message ? `\n  cause: ${cause.message}` : '';
}
