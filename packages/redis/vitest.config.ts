import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'redis',
    include: ['test/**/*.test.ts'],
    globalSetup: ['@tokens/testing/global-setup'],
    provide: { tokensNeeds: ['redis'] },
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
