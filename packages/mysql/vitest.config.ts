import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'mysql',
    include: ['test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    globalSetup: ['@tokens/testing/global-setup'],
    provide: { tokensNeeds: ['mysql'] },
  },
});
