import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'redis',
    // In CI every case is listed, so skipped ones show the reason their titles carry.
    reporters: process.env.CI ? ['verbose'] : ['default'],
    include: ['test/**/*.test.ts'],
    globalSetup: ['@tokens/testing/global-setup'],
    provide: { tokensNeeds: ['redis'] },
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
