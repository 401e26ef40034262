// The README's quick start, run as written against the built package, as a user would import it.
import { fileURLToPath } from 'node:url';
import { runQuickStart } from '@tokens/testing';
import { expect, it } from 'vitest';

it('the quick start in README.md runs and prints what it says', async () => {
  const out = await runQuickStart(fileURLToPath(new URL('..', import.meta.url)));
  expect(out).toContain("accessToken: '[redacted]'");
  expect(out).not.toContain('client-secret');
  expect(out).toMatch(/^1000\.access2 1000\.refresh$/m);
  expect(out).toMatch(/^true\nfalse$/m);
  expect(out).toMatch(/^600$/m);
  expect(out).toMatch(/^@tokens\/file$/m);
});
