import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 120_000,
    // Worker threads in one shared module graph, not a forked process per file: the files run pnpm, turbo, vitest and
    // git as child processes (measured alone, four pairs: 18.0-24.7 s of CPU against 20.7-24.5 s with forks).
    pool: 'threads',
    isolate: false,
  },
});
