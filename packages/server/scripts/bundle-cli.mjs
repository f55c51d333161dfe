// Bundles the mlclose-server binary into one CommonJS file, dist/mlclose-server.cjs (run after tsc).
//
// Why one file: a CPU profile of `node dist/cli.js --port 0` (node --cpu-prof) showed about 60 % of the time to
// `listening on` in Node's ESM loader (resolving, reading, compiling and linking 37 modules), far more than the
// server's own start.
// Why CommonJS: run as an ES module, even one file still starts Node's ESM loader. The same bundle as CommonJS
// reached `listening on` about 12 ms sooner (median of 31 starts each, 126 ms against 114 ms, next to 99 ms for a
// bare node:http server). better-sqlite3 stays external and sqlite-store's code runs only when a data directory is
// given, so a server in memory still never loads the native add-on. The library entry (dist/index.js, with its
// types) stays tsc's ES modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// Outputs of the earlier ES module bundle, so that an old build leaves nothing stale to publish.
for (const stale of ['dist/mlclose-server.js', 'dist/chunks']) {
  rmSync(new URL(`../${stale}`, import.meta.url), { recursive: true, force: true });
}

await build({
  absWorkingDir: packageDir,
  // dist/ directly, so that the package's manifest is still '../package.json' from the bundle.
  entryPoints: { 'mlclose-server': 'src/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  // CommonJS has no import.meta: the bundle's own file URL stands in for it. The banner goes above esbuild's
  // 'use strict', so it starts with its own: the sources are ES modules, strict throughout.
  define: { 'import.meta.url': '__mlclose_bundle_url' },
  banner: {
    js: "'use strict';\nconst __mlclose_bundle_url = require('node:url').pathToFileURL(__filename).href;",
  },
  logLevel: 'warning',
});
