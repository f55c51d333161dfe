import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 60_000,
    // Worker threads: a fork per test file costs more CPU than most files' tests. Each file keeps its own module graph
    // (isolate), as test/precompiled.test.ts checks what a fresh import loads.
    pool: 'threads',
  },
});
