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
  },
});
