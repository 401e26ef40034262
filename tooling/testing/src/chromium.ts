// The Chromium the browser tests drive with playwright-core: Debian's package (playwright cannot download
// its own browsers here), launched with the flags this machine needs. One place for both browser tests.
import { existsSync } from 'node:fs';
import { requiredServices } from './services.js';

/** TOKENS_TEST_CHROMIUM only exists to try the skip and failure paths on a machine that has Chromium. */
export const CHROMIUM_PATH = process.env.TOKENS_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Headless, no sandbox (root), and nothing that reaches for the network this machine does not have. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Why the browser tests cannot run here, or undefined when Chromium is installed. Throws when it is
 * missing but TOKENS_REQUIRE lists `chromium` (CI), so a missing browser fails the run there.
 */
export function chromiumSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `${CHROMIUM_PATH} is missing (apt-get install -y chromium, or bash tooling/scripts/ensure-chromium.sh)`;
  if (requiredServices().has('chromium')) throw new Error(`TOKENS_REQUIRE lists chromium but ${reason}`);
  return reason;
}
