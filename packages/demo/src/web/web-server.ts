// `pnpm demo --web`: the page and its routes on 127.0.0.1, the local OAuth server (whose login page a
// person fills in), and the store; Ctrl-C (SIGINT) or SIGTERM closes all three and exits.
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManager, startDemoServer } from '../oauth-setup.js';
import { openStore, type StoreTarget } from '../open-store.js';
import { createRoutes } from './web-routes.js';

export interface WebOptions {
  target: StoreTarget;
  port: number;
  accessTtlSeconds: number;
}

export async function serveWeb({ target, port, accessTtlSeconds }: WebOptions): Promise<void> {
  const http = createServer();
  http.listen(port, '127.0.0.1');
  await once(http, 'listening');
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  // The OAuth server needs the page's callback (with the real port) registered as the redirect URI.
  const server = await startDemoServer({
    redirectUri: `${origin}/callback`,
    accessTokenTtlSeconds: accessTtlSeconds,
  });
  const store = await openStore(target).catch(async (error) => {
    await server.close();
    http.close();
    throw error;
  });
  const manager = createManager(store, server.settings);
  const routes = createRoutes({
    server,
    store,
    manager,
    storeDescription: target.description,
    accessTtlSeconds,
  });
  http.on('request', (req, res) => void routes(req, res));

  process.stdout.write(
    `tokens demo (web): open ${origin}/\n` +
      `store:        ${target.description}${target.tempDir ? ', removed at the end' : ''}\n` +
      `OAuth server: ${server.settings.issuer} (its login page takes any user name, no password)\n` +
      'Ctrl-C stops.\n',
  );

  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  process.stdout.write(`\n${String(signal[0] ?? 'signal')}: stopping\n`);
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await server.close();
  await store.close().catch(() => undefined);
  if (target.tempDir) rmSync(target.tempDir, { recursive: true, force: true });
}
