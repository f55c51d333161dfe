import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that run longest, longest first: vitest's own order (by earlier durations when it has them, else by file
 * size, and a fresh clone has none) started the variants a worker's whole file late, and they end the package's run.
 */
const LONGEST_FIRST = [
  'test/variants/variants.test.ts',
  'test/engine.test.ts',
  'test/repeat-1.test.ts',
  'test/repeat-2.test.ts',
  'test/corrections.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((name) => file.moduleId.endsWith(`/${name}`));
      return at < 0 ? LONGEST_FIRST.length : at;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Bounds, not measurements: a full run takes about 10 s alone, but 30 s and more while turbo runs the other
    // packages' tests on the same two cores, and tests here overlap (below).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Test files partly wait: on conformance runs (close delays, timeouts that must expire) and on CLI child
    // processes. Vitest's default on two cores is one file at a time, which puts every file's waits end to end; two at
    // once overlap them. Three took more CPU (each worker loads and warms up its own copy of the suite and the server)
    // since runs share warm worker threads (src/engine/threads.ts): measured alone, 219-242 s of CPU against 195-228 s
    // for two, and one at a time took 210 s and half again as long. Inside a file, `describe.concurrent` runs at most
    // maxConcurrency tests at a time.
    maxWorkers: 2,
    // Worker threads in one shared module graph per worker: every file imports the suite's sources and the reference
    // server, and a fresh fork and module graph per file cost about 10 s of CPU over the package (measured alone:
    // 174 s against 164 s). Each file starts its own servers on port 0 and restores what it patches.
    pool: 'threads',
    isolate: false,
    sequence: { sequencer: LongestFirst },
    maxConcurrency: 5,
  },
});
