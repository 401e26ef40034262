import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'file',
    // In CI every case is listed, so skipped ones show the reason their titles carry.
    reporters: process.env.CI ? ['verbose'] : ['default'],
    include: ['test/**/*.test.ts'],
    // build-dist first: child processes and the README quick start import the built package.
    globalSetup: ['./test/build-dist.ts', '@tokens/testing/global-setup'],
    provide: { tokensNeeds: [] },
  },
  benchmark: { include: ['bench/**/*.bench.ts'] },
});
