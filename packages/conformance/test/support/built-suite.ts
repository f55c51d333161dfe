// The built suite (dist/), for the tests that make dozens of whole runs (test/repeat-*.test.ts, the variants) or start
// many worker threads (test/threads.test.ts). Each run starts its own Vitest worker, which loads the built suite
// natively; from the TypeScript sources every module would go through Vite first, which costs more CPU than a small
// run's checks. A stale dist is refused (./fresh-dist.ts).
import type * as Suite from '../../src/index.js';
import { builtFile } from './fresh-dist.js';

const suite = (await import(builtFile('index.js'))) as typeof Suite;
export const { allChecks, runConformance } = suite;
