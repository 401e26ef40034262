import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'core',
    // In CI every case is listed, so skipped ones show the reason their titles carry.
    reporters: process.env.CI ? ['verbose'] : ['default'],
    include: ['test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
