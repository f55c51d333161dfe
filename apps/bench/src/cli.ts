#!/usr/bin/env node
// `pnpm bench`: runs the benchmarks, prints a table, writes results/latest.json and results/latest.md.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderReadmeSummary, renderText } from './format.js';
import { BENCHMARK_NAMES, OPT_IN_BENCHMARKS, type BenchmarkName } from './result.js';
import { writeReadmeSummary, writeResults } from './results-file.js';
import { runBenchmarks } from './run.js';

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(benchDir, '../..');
const resultsDir = join(benchDir, 'results');

const HELP = `Usage: pnpm bench [options]

  --smoke          tiny counts, to check that everything runs; writes to a temp dir, never to results/
  --only NAME      run only NAME (repeat, or separate with commas); opt-in: ${OPT_IN_BENCHMARKS.join(', ')}
  --rounds N       measured rounds per interleaved benchmark, and full conformance runs
  --out DIR        where latest.json and latest.md go (default: apps/bench/results, or a temp dir with --smoke)
  --list           print the benchmark names and exit
  --help           print this and exit

Benchmarks: ${BENCHMARK_NAMES.join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    rounds: { type: 'string' },
    out: { type: 'string' },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
if (values.list) {
  process.stdout.write(`${BENCHMARK_NAMES.join('\n')}\n`);
  process.exit(0);
}

const only = values.only?.flatMap((value) => value.split(',')).map((name) => name.trim());
const unknown = only?.filter((name) => !(BENCHMARK_NAMES as readonly string[]).includes(name));
if (unknown !== undefined && unknown.length > 0) fail(`Unknown benchmark: ${unknown.join(', ')}`);

let rounds: number | undefined;
if (values.rounds !== undefined) {
  rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1)
    fail(`--rounds wants a whole number >= 1, got ${values.rounds}`);
}

let outDir: string;
if (values.out !== undefined) {
  outDir = resolve(values.out);
  // results/ holds the numbers the README links to; smoke numbers mean nothing and must not land there.
  if (values.smoke && outDir === resultsDir)
    fail('--smoke never writes to results/: its numbers mean nothing.');
} else {
  outDir = values.smoke ? await mkdtemp(join(tmpdir(), 'mlclose-bench-smoke-')) : resultsDir;
}

const run = await runBenchmarks({
  smoke: values.smoke,
  only: only as BenchmarkName[] | undefined,
  rounds,
  repoRoot,
  log: (message) => process.stderr.write(`${message}\n`),
});
const written = await writeResults(run, outDir, only !== undefined);
process.stdout.write(renderText(run));
// The README shows the numbers in results/: it follows them, and never a smoke run or another --out.
if (outDir === resultsDir)
  await writeReadmeSummary(join(repoRoot, 'README.md'), renderReadmeSummary(written));
process.stdout.write(
  `\nWrote ${join(outDir, 'latest.json')} and latest.md (${written.benchmarks.length} benchmarks).\n`,
);
process.exitCode = run.benchmarks.some((b) => b.status === 'failed') ? 1 : 0;
