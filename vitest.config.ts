// Root config: `pnpm exec vitest run` here runs every package's tests, each as its own project.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*'],
  },
});
