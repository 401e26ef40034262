// The README's quick start, run as written against the built package, as a user would import it.
import { fileURLToPath } from 'node:url';
import { runQuickStart, suiteTitle, testService } from '@tokens/testing';
import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { prefixKeyNames } from './support/raw-redis.js';

const service = testService('redis');

describe.skipIf(!service.url)(suiteTitle('README quick start', service), () => {
  it('runs, prints what it says, and leaves no token behind', async () => {
    const out = await runQuickStart(fileURLToPath(new URL('..', import.meta.url)), {
      REDIS_URL: service.url!,
    });
    expect(out).toContain("accessToken: '[redacted]'");
    expect(out).not.toContain('1000.access');
    expect(out).toMatch(/^true$/m);
    expect(out).toMatch(/^false$/m);
    const raw = new Redis(service.url!);
    onTestFinished(async () => {
      await raw.quit();
    });
    expect(await prefixKeyNames(raw, 'quickstart')).toEqual([]);
  });
});
