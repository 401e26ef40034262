import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'demo',
    include: ['test/**/*.test.ts'],
    // The demo runs as a child process (it waits for an access token to expire), the browser test drives
    // Chromium: both take seconds, not milliseconds.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
