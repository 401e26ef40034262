// The harness's login page works for a person: a real browser (Debian's Chromium through playwright-core)
// follows the authorization URL, signs in on the page, and lands on the app's callback with a code that
// exchangeGrant accepts. This is the flow a demo web app drives.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryTokenStore } from '@tokens/core';
import { startOidcServer } from '@tokens/oidc-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumSkipReason } from '@tokens/testing';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { managerFor } from './support/logged-in.js';

const reason = chromiumSkipReason();

describe.skipIf(reason !== undefined)(reason ? `browser login — skipped: ${reason}` : 'browser login', () => {
  it('a person signs in on the login page and the app exchanges the code', async () => {
    // The app's callback: a page that only says it was reached.
    const app = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('callback reached'),
    );
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const redirectUri = `http://127.0.0.1:${(app.address() as AddressInfo).port}/callback`;
    await using server = await startOidcServer({ redirectUris: [redirectUri] });
    const store = new MemoryTokenStore();
    const manager = managerFor(server, store);
    const request = await manager.createAuthorizationRequest();

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(request.url.href);
      await page.fill('input[name="login"]', 'grace@example.com');
      await Promise.all([page.waitForURL(`${redirectUri}?**`), page.click('button[type="submit"]')]);
      expect(await page.textContent('body')).toBe('callback reached');
      const token = await manager.exchangeGrant({
        userName: 'grace@example.com',
        callbackUrl: page.url(),
        state: request.state,
        codeVerifier: request.codeVerifier,
      });
      expect(token.refreshToken).toBeTruthy();
      expect(await store.findToken({ userName: 'grace@example.com' })).toMatchObject({ id: token.id });
    } finally {
      await browser.close();
      app.close();
    }
  });
});
