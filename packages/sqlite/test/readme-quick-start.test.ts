// The README's quick start, run as written against the built package, as a user would import it.
import { fileURLToPath } from 'node:url';
import { runQuickStart } from '@tokens/testing';
import { expect, it } from 'vitest';

it('the quick start in README.md runs and prints what it says', async () => {
  const out = await runQuickStart(fileURLToPath(new URL('..', import.meta.url)));
  expect(out).toContain("accessToken: '[redacted]'");
  expect(out).toContain("userName: 'ada@example.com:20050'");
  expect(out).not.toContain('1000.access');
  expect(out).not.toContain('client-secret');
  expect(out.split('\n').filter(Boolean).slice(-3)).toEqual(['true', 'false', 'CONFLICT']);
});
