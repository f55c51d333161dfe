import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 60_000,
    // Worker threads in one shared module graph: a fork per test file costs more CPU than most files' tests, and a
    // fresh module graph per file imports the generated validators again for each (measured alone: 7.0-7.1 s of CPU
    // against 9.0-10.9 s). test/precompiled.test.ts checks what a fresh import loads in a worker thread of its own.
    pool: 'threads',
    isolate: false,
  },
});
