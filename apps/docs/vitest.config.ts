import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Generous: Chromium and tsc share two cores with the rest of the build. No test asserts how long anything
    // takes; these only stop a hung browser.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for the browser (Redoc hydrating, a tab opening); the default 1 s is tight on a busy box.
    expect: { poll: { timeout: 15_000 } },
    // Two files at a time: much of a file's time is spent waiting on child processes (curl, Python, Node samples) and
    // on the browser, and vitest's default on two cores is one file at a time. Each file writes its own
    // test-results/<name> folder and starts its own servers on port 0.
    maxWorkers: 2,
    // Worker threads in one shared module graph, not a forked process per file: the files start their browsers,
    // servers and samples as child processes of their own (measured alone, four pairs: 61-74 s of CPU outside
    // Chromium against 66-86 s with forks).
    pool: 'threads',
    isolate: false,
  },
});
