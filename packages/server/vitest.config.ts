import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Worker threads in one shared module graph: a fork and a fresh module graph per test file cost more CPU than the
    // tests themselves (measured alone: threads and no isolation take about half the CPU of forks). Every test file
    // starts its own servers on port 0 and restores what it patches.
    pool: 'threads',
    isolate: false,
  },
});
