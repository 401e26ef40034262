// The README's quick start, run as written against the built package, as a user would import it, on the
// server the global setup found (skipped, with the reason, without one).
import { fileURLToPath } from 'node:url';
import { runQuickStart, suiteTitle, testService } from '@tokens/testing';
import { MongoClient } from 'mongodb';
import { describe, expect, it, onTestFinished } from 'vitest';

const service = testService('mongo');

describe.skipIf(!service.url)(suiteTitle('README quick start', service), () => {
  it('runs, prints what it says, and leaves no token behind', async () => {
    const out = await runQuickStart(fileURLToPath(new URL('..', import.meta.url)), {
      MONGO_URL: service.url!,
    });
    expect(out).toContain("accessToken: '[redacted]'");
    expect(out).not.toContain('1000.access');
    expect(out).toMatch(/^true$/m);
    expect(out).toMatch(/^false$/m);
    const raw = new MongoClient(service.url!);
    const db = raw.db('tokens_quickstart');
    onTestFinished(async () => {
      await db.dropDatabase();
      await raw.close();
    });
    expect(await db.collection('oauthtoken').countDocuments()).toBe(0);
  });
});
