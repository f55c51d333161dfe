// `pnpm --filter @mlclose/conformance run variants:full`: every broken variant on a full run (see
// test/variants/full-runs.variants.ts). Not part of the test command.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/variants/full-runs.variants.ts'],
    reporters: ['default'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
