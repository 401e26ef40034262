// The command line: `tokens-demo [--store <url>] [--web [--port <n>]] [--access-ttl <s>] [--help]`.
import { parseArgs } from 'node:util';

export interface DemoOptions {
  help: boolean;
  web: boolean;
  store: string | undefined;
  port: number;
  accessTtlSeconds: number;
}

export const HELP = `Usage: pnpm demo [options]

Runs an OAuth token's life on a token store, against a local OAuth server (oidc-provider on 127.0.0.1):
log in (authorization code + PKCE), a new process finds the tokens, the access token expires and 20
concurrent callers get it refreshed once, then revocation. Prints each step's time and token-endpoint calls.

Options:
  --store <url>       the token store (default: an SQLite file in a fresh temp dir, removed at the end)
                        sqlite:<path>      SQLite file (created when missing)
                        file:<path>        JSON token file
                        mysql://user:password@host:3306/db          table tokens_demo
                        redis://host:6379  (or rediss://)           key prefix {tokens_demo}:
                        mongodb://host:27017/db                     collection tokens_demo
                        memory:            MemoryTokenStore (one process: no second process)
  --web               serve a web page instead: log in, stored tokens with their expiry, call the API, revoke
  --port <n>          the web page's port on 127.0.0.1 (default 3000; 0 picks a free one)
  --access-ttl <s>    lifetime of the server's access tokens in seconds (default 10; --web: 60)
  -h, --help          this help
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 65_535)
    throw new UsageError(`${name} must be a whole number from ${min}`);
  return n;
}

export function parseOptions(argv: string[]): DemoOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const web = values.web ?? false;
  return {
    help: values.help ?? false,
    web,
    store: values.store,
    port: integer('--port', values.port, 3000, 0),
    accessTtlSeconds: integer('--access-ttl', values['access-ttl'], web ? 60 : 10, 2),
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      web: { type: 'boolean' },
      store: { type: 'string' },
      port: { type: 'string' },
      'access-ttl': { type: 'string' },
    },
  });
}
