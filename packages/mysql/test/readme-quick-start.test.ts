// The README's quick start, run as written against the built package, as a user would import it.
import { fileURLToPath } from 'node:url';
import { runQuickStart, suiteTitle } from '@tokens/testing';
import { describe, expect, it } from 'vitest';
import { adminPool, service } from './mysql-fixtures.js';

describe.skipIf(!service.url)(suiteTitle('README quick start', service), () => {
  it('runs and prints what it says', { timeout: 60_000 }, async () => {
    const out = await runQuickStart(fileURLToPath(new URL('..', import.meta.url)), {
      MYSQL_URL: service.url!,
    });
    expect(out).toMatch(/^10$/m);
    expect(out.match(/^true$/gm)).toHaveLength(2);
    expect(out).toContain("accessToken: '[redacted]'");
    expect(out).toContain("refreshToken: '[redacted]'");
    expect(out).not.toContain('1000.access');
    expect(out).not.toContain('client-secret');
    await adminPool().query('DROP TABLE IF EXISTS oauthtoken_quickstart, oauthtoken_quickstart_leases');
  });
});
