import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'oauth',
    // In CI every case is listed, so skipped ones show the reason their titles carry.
    reporters: process.env.CI ? ['verbose'] : ['default'],
    include: ['test/**/*.test.ts'],
    globalSetup: ['@tokens/testing/global-setup'],
    // The refresh-once cases also run on the MySQL and Redis stores when those servers are there.
    provide: { tokensNeeds: ['mysql', 'redis'] },
    // Each file starts its own local OpenID provider; child-process cases take a few seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
  benchmark: { include: ['bench/**/*.bench.ts'] },
});
