// `pnpm demo --web` in headless Chromium (Debian's, driven by playwright-core): a person's path through the
// page. Log in, fill in the OAuth server's own login form, see the token listed with its expiry counting
// down, call the API once it has expired (one refresh), revoke, see it gone. Without /usr/bin/chromium the
// suite is skipped and says why, unless TOKENS_REQUIRE lists chromium (CI), where that is a failure.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumSkipReason } from '@tokens/testing';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoProcess, startDemo } from './support/demo-process.js';

const skipReason = chromiumSkipReason();
const available = skipReason === undefined;

describe.skipIf(!available)(
  available ? 'pnpm demo --web in Chromium' : `pnpm demo --web in Chromium — skipped: ${skipReason}`,
  () => {
    let demo: DemoProcess;
    let origin: string;
    let profile: string;
    let browser: BrowserContext;

    beforeAll(async () => {
      demo = startDemo(['--web', '--port', '0', '--access-ttl', '6']);
      origin = (await demo.waitFor(/open (http:\/\/127\.0\.0\.1:\d+)\//))[1]!;
      profile = mkdtempSync(join(tmpdir(), 'tokens-demo-chromium-'));
      browser = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      });
    });

    afterAll(async () => {
      await browser?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
      if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL');
    });

    it('logs in through the server login page, lists the token, calls the API, revokes it', async () => {
      const page = await browser.newPage();
      await page.goto(`${origin}/`);
      await expect.poll(() => page.locator('#empty').isVisible()).toBe(true);
      await page.getByLabel('User name to save the token under').fill('grace@example.com');
      await page.getByRole('button', { name: 'Log in' }).click();

      // The OAuth server's own page: a person types their name and signs in.
      await page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
      expect(await page.getByRole('heading').textContent()).toBe('Sign in');
      await page.getByLabel('User name').fill('grace@example.com');
      await page.getByRole('button', { name: 'Sign in' }).click();

      // Back on the demo's page after the callback: the token is listed, no secret on the page.
      await page.waitForURL(`${origin}/`);
      const row = page.locator('tr[data-user="grace@example.com"]');
      await row.waitFor();
      await expect.poll(() => row.locator('td.expiry').textContent()).toMatch(/^expires in \d+ s$/);
      expect(await row.textContent()).toMatch(/#[0-9a-f]{8} \(\d+ chars\)/);
      expect(await page.locator('#error').count()).toBe(0);
      const first = Number((await row.locator('td.expiry').textContent())?.match(/\d+/)?.[0]);
      await expect
        .poll(
          () =>
            row
              .locator('td.expiry')
              .textContent()
              .then((t) => Number(t?.match(/\d+/)?.[0])),
          { timeout: 5000 },
        )
        .toBeLessThan(first);

      // The server's access tokens live 6 s here: once the page shows it expired, "Call API" refreshes it.
      await expect
        .poll(() => row.locator('td.expiry').textContent(), { timeout: 10_000 })
        .toMatch(/^expired/);
      await row.getByRole('button', { name: 'Call API' }).click();
      await expect.poll(() => page.locator('#result').textContent()).toContain('"status": 200');
      expect(await page.locator('#result').textContent()).toContain('"refreshed": true');
      expect(await page.locator('#result').textContent()).toContain('"sub": "grace@example.com"');

      await row.getByRole('button', { name: 'Revoke' }).click();
      await expect.poll(() => page.locator('#result').textContent()).toContain('"revoked":true');
      await expect.poll(() => row.count()).toBe(0);
      expect(await page.locator('#empty').isVisible()).toBe(true);
      const listed = (await (await fetch(`${origin}/api/tokens`)).json()) as { tokens: unknown[] };
      expect(listed.tokens).toEqual([]);
    });

    it('stops on SIGINT (Ctrl-C) with exit code 0 and removes its temp store', async () => {
      const dir = demo.stdout().match(/store: +SQLite file (\S+)\/tokens\.db/)?.[1];
      demo.child.kill('SIGINT');
      expect(await demo.exited).toBe(0);
      expect(demo.stdout()).toContain('SIGINT: stopping');
      expect(dir && existsSync(dir)).toBe(false);
    });
  },
);
