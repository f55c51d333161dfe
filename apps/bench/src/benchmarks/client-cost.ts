import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Platform } from 'esbuild';
import { runNode } from '../child-process.js';
import { interleave } from '../interleave.js';
import { exactRatio, measurement, measurementWithTarget, pairedRatio, type Measurement } from '../result.js';
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

/** Source for `node -e`: import the modules once, together, and print how long the imports took. */
const importTimer = (...urls: string[]): string =>
  `const t = performance.now(); await Promise.all(${JSON.stringify(urls)}.map((url) => import(url))); process.stdout.write(String(performance.now() - t));`;

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

    const oursUrl = import.meta.resolve(OURS);
    // openapi-fetch as the client resolves it: the floor of what the client can cost to import.
    const openapiFetchUrl = pathToFileURL(
      createRequire(fileURLToPath(oursUrl)).resolve('openapi-fetch/dist/index.mjs'),
    ).href;
    const subjects = [
      { name: 'node, no import', source: 'process.stdout.write("0");' },
      { name: OURS, source: importTimer(oursUrl) },
      { name: OFFICIAL, source: importTimer(import.meta.resolve(OFFICIAL)) },
      { name: 'openapi-fetch alone', source: importTimer(openapiFetchUrl) },
      { name: `${OURS} + ${OURS_UNDICI}`, source: importTimer(oursUrl, import.meta.resolve(OURS_UNDICI)) },
    ];
    const runs = await interleave(
      subjects.map(({ name, source }) => ({
        name,
        run: async () => {
          const { stdout, code, wallMs } = await runNode(['--input-type=module', '-e', source]);
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
    const [openapiFetchImport, withUndiciImport] = others.map((otherRuns, i) =>
      measurement(
        subjects[i + 3]!.name,
        'cold import',
        'ms',
        'lower',
        otherRuns.map((r) => r.importMs),
      ),
    );
    measurements.push(openapiFetchImport!, withUndiciImport!);
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
      'Cold import: time of `await import()` measured inside a fresh `node` process (OS file cache warm); process wall time includes Node start-up, shown by the "no import" row.',
      `Cold import target: ${OURS} in at most ${IMPORT_TARGET_MS} ms (median), an absolute time next to the ratio; openapi-fetch alone is the floor. ${OURS_UNDICI} is opt-in and Node-only, shown with the main entry it needs.`,
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
    return {
      settings: { importRounds },
      measurements,
      ratios: [
        exactRatio(`${OURS} / ${OFFICIAL}, min+gzip bytes`, ours.gzipped, official.gzipped),
        pairedRatio(`${OURS} / ${OFFICIAL}, cold import ms`, oursImport, officialImport),
        // What the client adds to the dependency it cannot avoid; steadier than the absolute time on a busy machine.
        pairedRatio(`${OURS} / openapi-fetch alone, cold import ms`, oursImport, openapiFetchImport!),
      ],
      notes,
    };
  },
};
