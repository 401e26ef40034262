import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'mongo',
    include: ['test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    globalSetup: ['@tokens/testing/global-setup'],
    provide: { tokensNeeds: ['mongo'] },
  },
});
