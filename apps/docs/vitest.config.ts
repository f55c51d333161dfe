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
  },
});
