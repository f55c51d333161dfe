// Runs the real CLI in --smoke mode, end to end, and checks the shape of what it reports. It never looks at
// how fast anything was: smoke counts are tiny and the machine is shared.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMOKE } from '../src/profile.js';
import type { BenchmarkName, BenchRun } from '../src/result.js';

const run = promisify(execFile);
const benchDir = fileURLToPath(new URL('..', import.meta.url));
const cli = join(benchDir, 'dist', 'cli.js');
const committedResults = join(benchDir, 'results', 'latest.json');

async function fingerprint(file: string): Promise<string> {
  if (!existsSync(file)) return 'absent';
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** How long the smoke run may take before it counts as hung. */
const SMOKE_TIMEOUT_MS = 480_000;

const [fewestJobs, mostJobs] = [SMOKE.scaling.sizes[0]!, SMOKE.scaling.sizes.at(-1)!];

/** The ratios each benchmark must report, by name. */
const EXPECTED_RATIOS: Record<Exclude<BenchmarkName, 'build' | 'conformance'>, string[]> = {
  'client-throughput': [
    '@mlclose/client / raw fetch, req/s c=1',
    '@mlclose/client/undici / @elastic/elasticsearch, req/s c=1',
    '@mlclose/client / @elastic/elasticsearch, req/s c=1',
    'raw fetch (A/A) / raw fetch, req/s c=1',
    '@mlclose/client / raw fetch, client CPU per call c=1',
    '@mlclose/client / raw fetch, req/s c=32',
    '@mlclose/client/undici / @elastic/elasticsearch, req/s c=32',
    '@mlclose/client / @elastic/elasticsearch, req/s c=32',
    'raw fetch (A/A) / raw fetch, req/s c=32',
    '@mlclose/client / raw fetch, client CPU per call c=32',
  ],
  'client-cost': [
    '@mlclose/client / @elastic/elasticsearch, min+gzip bytes',
    '@mlclose/client / @elastic/elasticsearch, cold import ms',
    '@mlclose/client / openapi-fetch alone, cold import ms',
  ],
  'server-throughput': [
    '@mlclose/server / bare node:http, close req/s',
    '@mlclose/server open+close cycle / bare node:http, req/s',
    '@mlclose/server start to listening / 150 ms budget',
    'bare node:http (A/A) / bare node:http, close req/s',
    '@mlclose/server with CORS, close from an allowed origin / bare node:http, req/s',
    '@mlclose/server / bare node:http, start to listening ms',
    '@mlclose/server / bare node:http, close server CPU µs per answer',
  ],
  scaling: ['close _all', 'close scale-*', 'close _all force=true'].map(
    (variant) => `${variant}: per-job cost ${mostJobs} / ${fewestJobs} jobs`,
  ),
};

describe('pnpm bench --smoke', () => {
  let result: BenchRun;
  let stdout: string;
  let outDir: string;
  let committedBefore: string;

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` in apps/bench first`);
    committedBefore = await fingerprint(committedResults);
    // About 20 s on a quiet machine. Under `pnpm test` every package's tests share two cores (load averages of 14 were
    // seen), and one smoke run took over 170 s: the bound only stops a run that hangs.
    ({ stdout } = await run(process.execPath, [cli, '--smoke'], {
      cwd: benchDir,
      timeout: SMOKE_TIMEOUT_MS,
    }));
    const wrote = /^Wrote (.+)\/latest\.json /m.exec(stdout);
    if (wrote === null) throw new Error(`the CLI did not say where it wrote:\n${stdout}`);
    outDir = wrote[1]!;
    result = JSON.parse(await readFile(join(outDir, 'latest.json'), 'utf8')) as BenchRun;
  }, SMOKE_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });

  it('runs every default benchmark, in order, and not the opt-in build benchmark', () => {
    expect(result.mode).toBe('smoke');
    expect(result.benchmarks.map((b) => b.name)).toEqual([
      'client-throughput',
      'client-cost',
      'server-throughput',
      'scaling',
      'conformance',
    ]);
  });

  it.each(['client-throughput', 'client-cost', 'server-throughput', 'scaling', 'conformance'] as const)(
    '%s succeeds with finite, positive medians',
    (name) => {
      const benchmark = result.benchmarks.find((b) => b.name === name)!;
      expect(benchmark.status, benchmark.reason).toBe('ok');
      expect(benchmark.measurements.length).toBeGreaterThan(0);
      for (const m of benchmark.measurements) {
        expect(m.samples.length, `${m.subject} ${m.metric}`).toBe(m.summary.n);
        expect(Number.isFinite(m.summary.median) && m.summary.median > 0, `${m.subject} ${m.metric}`).toBe(
          true,
        );
        expect(m.summary.min).toBeLessThanOrEqual(m.summary.max);
      }
    },
  );

  it.each(Object.entries(EXPECTED_RATIOS))('%s reports its ratios', (name, expected) => {
    const benchmark = result.benchmarks.find((b) => b.name === name)!;
    expect(benchmark.ratios.map((r) => r.name)).toEqual(expected);
    for (const ratio of benchmark.ratios) {
      expect(Number.isFinite(ratio.value) && ratio.value > 0, ratio.name).toBe(true);
    }
  });

  it('marks the ratios that have a target as met or missed', () => {
    const targeted = result.benchmarks.flatMap((b) => b.ratios).filter((r) => r.target !== undefined);
    expect(targeted.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        '@mlclose/client / raw fetch, req/s c=1',
        '@mlclose/client / raw fetch, req/s c=32',
        '@mlclose/client/undici / @elastic/elasticsearch, req/s c=1',
        '@mlclose/client/undici / @elastic/elasticsearch, req/s c=32',
      ]),
    );
    expect(targeted.map((r) => r.name)).toContain('@mlclose/server / bare node:http, close req/s');
    for (const ratio of targeted) expect(typeof ratio.meetsTarget).toBe('boolean');
  });

  it('marks the absolute cold-import target as met or missed, in the summary too', () => {
    const cost = result.benchmarks.find((b) => b.name === 'client-cost')!;
    const targeted = cost.measurements.filter((m) => m.target !== undefined);
    expect(targeted.map((m) => [m.subject, m.metric, m.target])).toEqual([
      ['@mlclose/client', 'cold import', { op: '<=', value: 5 }],
    ]);
    expect(typeof targeted[0]!.meetsTarget).toBe('boolean');
    expect(stdout).toMatch(
      /client-cost +@mlclose\/client, cold import \(ms\), median +[\d.]+ +<= 5 (met|MISSED)/,
    );
  });

  it('gives a partial conformance run (the smoke profile) no target: the 4 s target is for a full run', () => {
    const run = result.benchmarks.find((b) => b.name === 'conformance')!;
    expect(run.measurements.map((m) => [m.subject, m.metric, m.target])).toContainEqual([
      expect.stringMatching(/^checks of \d+ requirements/),
      'wall time',
      undefined,
    ]);
    expect(run.measurements.filter((m) => m.target !== undefined)).toEqual([]);
  });

  it('prints the table and writes latest.md beside latest.json', async () => {
    const markdown = await readFile(join(outDir, 'latest.md'), 'utf8');
    for (const benchmark of result.benchmarks) {
      expect(stdout).toContain(`== ${benchmark.name}: `);
      expect(markdown).toContain(`### ${benchmark.name}: `);
    }
  });

  it('writes to a temp dir and leaves results/latest.json alone', async () => {
    expect(outDir.startsWith(join(benchDir, 'results'))).toBe(false);
    expect(await fingerprint(committedResults)).toBe(committedBefore);
  });

  it('refuses to write smoke results into results/', async () => {
    const refused = run(process.execPath, [cli, '--smoke', '--out', join(benchDir, 'results')], {
      cwd: benchDir,
    });
    await expect(refused).rejects.toMatchObject({ code: 2 });
  });
});
