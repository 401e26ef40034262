import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'sqlite',
    // In CI every case is listed, so skipped ones show the reason their titles carry.
    reporters: process.env.CI ? ['verbose'] : ['default'],
    include: ['test/**/*.test.ts'],
    // build-package: the child processes of the conformance kit and the README quick start run dist/.
    globalSetup: ['@tokens/testing/global-setup', './test/build-package.ts'],
    provide: { tokensNeeds: [] },
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
