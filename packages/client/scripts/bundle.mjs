// Builds dist/: one ESM file per entry (index, retry, undici, cli) plus the chunks they share, so that a cold
// `import('@mlclose/client')` reads our code in one or two files instead of resolving a graph of ten modules
// (most of the import time on Node 20). Shared code stays in shared chunks, so `instanceof ResponseError`
// holds across entries. openapi-fetch and undici stay dependencies; the Duration check of @mlclose/schema
// is bundled in. Types come from `tsc --emitDeclarationOnly`, run before this.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/index.ts', 'src/retry.ts', 'src/undici.ts', 'src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['openapi-fetch', 'undici', 'node:*'],
  sourcemap: true,
  logLevel: 'warning',
});
