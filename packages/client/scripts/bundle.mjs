// Builds dist/ so that a cold `import('@mlclose/client')` reads one file of ours instead of resolving a graph
// of ten modules (most of the import time on Node 20): the main entry is bundled alone, with the Duration
// check of @mlclose/schema in it. The other entries (retry, undici, cli) import the main entry for what they
// share, so `instanceof ResponseError` holds across entries. openapi-fetch and undici stay dependencies.
// Types come from `tsc --emitDeclarationOnly`, run before this.
import { build } from 'esbuild';

/** @type {import('esbuild').BuildOptions} */
const common = {
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['openapi-fetch', 'undici', 'node:*'],
  sourcemap: true,
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['src/index.ts'] });

/** Leaves `./index.js` to the main entry's file instead of bundling a second copy of it. */
const mainEntry = {
  name: 'main-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: './index.js', external: true }));
  },
};

await build({
  ...common,
  entryPoints: ['src/retry.ts', 'src/undici.ts', 'src/cli.ts'],
  splitting: true,
  plugins: [mainEntry],
});
