import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'demo',
    // In CI every case is listed, so skipped ones show the reason their titles carry.
    reporters: process.env.CI ? ['verbose'] : ['default'],
    include: ['test/**/*.test.ts'],
    // The demo on the server-backed stores (`--store mysql://...`) runs where the service is found.
    globalSetup: ['@tokens/testing/global-setup'],
    provide: { tokensNeeds: ['mysql', 'redis', 'mongo'] },
    // The demo runs as a child process (it waits for an access token to expire), the browser test drives
    // Chromium: both take seconds, not milliseconds.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
