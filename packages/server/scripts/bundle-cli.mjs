// Bundles the mlclose-server binary into one file, dist/mlclose-server.js (run after tsc).
//
// Why: a CPU profile of `node dist/cli.js --port 0` (node --cpu-prof) showed about 60 % of the time to
// `listening on` in Node's ESM loader (resolving, reading, compiling and linking 37 modules), far more than
// the server's own start. One bundled file cuts the import of the server to about a third. better-sqlite3 stays
// external and sqlite-store goes into a chunk of its own, so a server in memory still never loads the native
// add-on. The library entry (dist/index.js, with its types) stays tsc's output.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: packageDir,
  // dist/ directly, so that `new URL('../package.json', import.meta.url)` still finds the package's manifest.
  entryPoints: { 'mlclose-server': 'src/cli.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  logLevel: 'warning',
});
