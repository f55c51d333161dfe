import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Platform } from 'esbuild';
import { runNode } from '../child-process.js';
import { interleave } from '../interleave.js';
import { exactRatio, measurement, measurementWithTarget, pairedRatio, type Measurement } from '../result.js';
import { startUpEnvironmentNotes } from '../start-up-environment.js';
import type { Benchmark } from './benchmark.js';

const OURS = '@mlclose/client';
const OURS_UNDICI = '@mlclose/client/undici';
const OFFICIAL = '@elastic/elasticsearch';
/** The most a cold import of the client may take, in ms (issue #15). */
const IMPORT_TARGET_MS = 5;
const benchDir = fileURLToPath(new URL('../..', import.meta.url));
// `node:` imports are all builtins, including ones this Node version lists only behind a flag (node:sqlite).
const isBuiltin = (path: string): boolean => path.startsWith('node:') || builtinModules.includes(path);

interface BundleSize {
  minified: number;
  gzipped: number;
  /** Imports left out of the bundle that are not Node builtins. */
  externals: string[];
}

/** Bundles everything the package's entry exports, minified, the way an app would ship it. */
async function bundleSize(specifier: string, platform: Platform): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: `export * from '${specifier}';`, resolveDir: benchDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const externals = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external && !isBuiltin(imported.path)) externals.add(imported.path);
    }
  }
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, externals: [...externals] };
}

const importChild = fileURLToPath(new URL('../child/import.js', import.meta.url));
/** An ES module that exports nothing: what any first `import()` costs in Node, whatever is imported. */
const EMPTY_MODULE = 'data:text/javascript,export{}';

export const clientCost: Benchmark = {
  name: 'client-cost',
  title: 'Client cost: bundle size and cold import',
  async run({ profile, log }) {
    const { importRounds } = profile.clientCost;
    log('bundling with esbuild');
    const ours = await bundleSize(OURS, 'browser');
    const official = await bundleSize(OFFICIAL, 'node');
    const measurements: Measurement[] = [
      measurement(`${OURS} (platform browser)`, 'min+gzip', 'bytes', 'lower', [ours.gzipped]),
      measurement(`${OFFICIAL} (platform node)`, 'min+gzip', 'bytes', 'lower', [official.gzipped]),
      measurement(`${OURS} (platform browser)`, 'minified', 'bytes', 'lower', [ours.minified]),
      measurement(`${OFFICIAL} (platform node)`, 'minified', 'bytes', 'lower', [official.minified]),
    ];

    // Packages by name, as an app imports them (the package lookup included). openapi-fetch, the floor of what
    // the client can cost, goes by file URL as the client resolves it (the bench does not depend on it), so
    // its ratio compares it with ours by file URL too.
    const oursUrl = import.meta.resolve(OURS);
    const openapiFetchUrl = pathToFileURL(
      createRequire(fileURLToPath(oursUrl)).resolve('openapi-fetch/dist/index.mjs'),
    ).href;
    const subjects = [
      { name: 'node, no import', specifiers: [] },
      { name: OURS, specifiers: [OURS] },
      { name: OFFICIAL, specifiers: [OFFICIAL] },
      { name: 'openapi-fetch alone (file URL)', specifiers: [openapiFetchUrl] },
      { name: `${OURS} (file URL)`, specifiers: [oursUrl] },
      { name: `${OURS} + ${OURS_UNDICI}`, specifiers: [OURS, OURS_UNDICI] },
      { name: 'an empty ES module', specifiers: [EMPTY_MODULE] },
    ];
    const runs = await interleave(
      subjects.map(({ name, specifiers }) => ({
        name,
        run: async () => {
          const { stdout, code, wallMs } = await runNode([importChild, ...specifiers]);
          if (code !== 0) throw new Error(`importing ${name} in a fresh process exited with ${String(code)}`);
          return { importMs: Number(stdout), wallMs };
        },
      })),
      {
        rounds: importRounds,
        warmup: 1,
        onRun: (name, round) => log(`cold import ${name}, round ${round + 1}`),
      },
    );
    const [, oursRuns, officialRuns, ...others] = runs;
    const oursImport = measurementWithTarget(
      measurement(
        OURS,
        'cold import',
        'ms',
        'lower',
        oursRuns!.map((r) => r.importMs),
      ),
      '<=',
      IMPORT_TARGET_MS,
    );
    const officialImport = measurement(
      OFFICIAL,
      'cold import',
      'ms',
      'lower',
      officialRuns!.map((r) => r.importMs),
    );
    measurements.push(oursImport, officialImport);
    const [openapiFetchImport, oursByUrlImport, withUndiciImport, emptyImport] = others.map((otherRuns, i) =>
      measurement(
        subjects[i + 3]!.name,
        'cold import',
        'ms',
        'lower',
        otherRuns.map((r) => r.importMs),
      ),
    );
    measurements.push(openapiFetchImport!, oursByUrlImport!, withUndiciImport!, emptyImport!);
    for (const [i, { name }] of subjects.entries())
      measurements.push(
        measurement(
          name,
          'process wall time',
          'ms',
          'lower',
          runs[i]!.map((r) => r.wallMs),
        ),
      );

    const notes = [
      `${OURS} is bundled for platform browser (its dependencies included); ${OFFICIAL} for platform node with only Node builtins external. Both minified by esbuild, gzip level 9.`,
      'Cold import: time of `await import()` by package name, measured inside a fresh `node` process whose entry is a file, as an app\'s is (OS file cache warm); process wall time includes Node start-up, shown by the "no import" row. "an empty ES module" is what Node charges for any import.',
      `Cold import target: ${OURS} in at most ${IMPORT_TARGET_MS} ms (median), an absolute time next to the ratio, by package name as an app imports it; openapi-fetch alone is the floor, by file URL (the bench does not depend on it), and its ratio takes ${OURS} by file URL too. ${OURS_UNDICI} is opt-in and Node-only, shown with the main entry it needs.`,
    ];
    for (const [name, size] of [
      [OURS, ours],
      [OFFICIAL, official],
    ] as const) {
      if (size.externals.length > 0) {
        notes.push(
          `${name}: left external because not installed (optional peers): ${size.externals.join(', ')}.`,
        );
      }
    }
    notes.push(...startUpEnvironmentNotes());
    return {
      settings: { importRounds },
      measurements,
      ratios: [
        exactRatio(`${OURS} / ${OFFICIAL}, min+gzip bytes`, ours.gzipped, official.gzipped),
        pairedRatio(`${OURS} / ${OFFICIAL}, cold import ms`, oursImport, officialImport),
        // What the client adds to the dependency it cannot avoid; steadier than the absolute time on a busy machine.
        pairedRatio(`${OURS} / openapi-fetch alone, cold import ms`, oursByUrlImport!, openapiFetchImport!),
      ],
      notes,
    };
  },
};
