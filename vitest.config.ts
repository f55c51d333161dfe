// Every package's tests from the root: `pnpm vitest run <path>` runs any test file with its own package's config
// (each package's vitest.config.ts is a project). The README's test command still runs per package through turbo.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
