// `pnpm demo --store <url>` on the server-backed stores: the same story, run to its end, on MySQL/MariaDB,
// Redis and MongoDB when the test run has them (see @tokens/testing); skipped with the reason otherwise.
import { type ServiceName, suiteTitle, testService } from '@tokens/testing';
import { describe, expect, it } from 'vitest';
import { runDemo, stepText } from './support/demo-process.js';

const STORES: Array<[ServiceName, string]> = [
  ['mysql', 'MySqlTokenStore'],
  ['redis', 'RedisTokenStore'],
  ['mongo', 'MongoTokenStore'],
];

for (const [name, storeType] of STORES) {
  const service = testService(name);
  describe.skipIf(!service.url)(suiteTitle(`pnpm demo --store ${name}`, service), () => {
    it('runs to the end: no token call from the second process, one refresh for 20 callers, revoked', async () => {
      const { code, stdout, stderr } = await runDemo(['--store', service.url!]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain(`${storeType} (with locks across processes)`);
      expect(stepText(stdout, 2)).toMatch(/token-endpoint calls in this step: 0$/m);
      expect(stepText(stdout, 3)).toMatch(/10 in process \d+, 10 in process \d+/);
      expect(stepText(stdout, 3)).toMatch(/refreshes seen by the server for these 20 callers: 1 \(/);
      expect(stepText(stdout, 4)).toMatch(/HTTP 400 invalid_grant/);
      // The demo prints the URL without its password.
      const password = new URL(service.url!).password;
      if (password) expect(stdout).not.toContain(password);
    });
  });
}
