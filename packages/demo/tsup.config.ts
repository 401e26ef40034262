import { defineConfig } from 'tsup';

export default defineConfig({
  // One ESM file: the CLI, which also runs as its own worker processes (a hidden subcommand).
  entry: ['src/cli.ts'],
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The OAuth server harness is a private workspace package shipped as TypeScript source: bundle it
  // (its dependency oidc-provider stays external, a dependency of this package).
  noExternal: ['@tokens/oidc-server'],
});
