// `pnpm demo --web`: the page and its routes on 127.0.0.1, the local OAuth server (whose login page a
// person fills in), and the store; Ctrl-C (SIGINT) or SIGTERM closes all three and exits.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenStore } from '@tokens/core';
import { removeTempDir } from '../cli-demo.js';
import { createManager, type DemoServer, startDemoServer } from '../oauth-setup.js';
import { openStore, type StoreTarget } from '../open-store.js';
import { createRoutes } from './web-routes.js';

export interface WebOptions {
  target: StoreTarget;
  port: number;
  accessTtlSeconds: number;
}

export async function serveWeb({ target, port, accessTtlSeconds }: WebOptions): Promise<void> {
  const http = createServer();
  let server: DemoServer | undefined;
  let store: TokenStore | undefined;
  try {
    http.listen(port, '127.0.0.1');
    await once(http, 'listening');
    const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    // The OAuth server needs the page's callback (with the real port) registered as the redirect URI.
    server = await startDemoServer({
      redirectUri: `${origin}/callback`,
      accessTokenTtlSeconds: accessTtlSeconds,
    });
    store = await openStore(target);
    const manager = createManager(store, server.settings);
    const storeDescription = target.description;
    const routes = createRoutes({ server, store, manager, storeDescription, accessTtlSeconds });
    http.on('request', (req, res) => void routes(req, res));

    process.stdout.write(
      `tokens demo (web): open ${origin}/\n` +
        `store:        ${target.description}${target.tempDir ? ', removed at the end' : ''}\n` +
        `OAuth server: ${server.settings.issuer} (its login page takes any user name, no password)\n` +
        'Ctrl-C stops.\n',
    );
    const [signal] = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
    process.stdout.write(`\n${String(signal ?? 'signal')}: stopping\n`);
  } finally {
    http.closeAllConnections();
    if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    await server?.close();
    await store?.close().catch(() => undefined);
    removeTempDir(target);
  }
}
