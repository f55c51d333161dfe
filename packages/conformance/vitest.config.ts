import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Bounds, not measurements: a full run takes about 10 s alone, but 30 s and more while turbo runs the other
    // packages' tests on the same two cores, and tests here overlap (below).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Test files mostly wait: on conformance runs (close delays, timeouts that must expire) and on CLI child
    // processes. Vitest's default on two cores is one file at a time, which puts every file's waits end to end; three
    // at once overlap them. Inside a file, `describe.concurrent` runs at most maxConcurrency tests at a time.
    maxWorkers: 3,
    maxConcurrency: 5,
  },
});
