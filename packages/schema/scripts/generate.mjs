#!/usr/bin/env node
// Generates everything in src/generated/ from spec/openapi.yaml:
//   openapi.json     the bundled spec (Redocly, through the `mlclose` API alias so redocly.yaml applies)
//   types.ts         openapi-typescript types
//   constants.ts     the Duration pattern, state enums and names, for code that must not load a validator
//   requirements.ts  the requirement catalogue (x-requirements)
//
// Usage: node scripts/generate.mjs [--out DIR]   (default: src/generated)
// The drift test runs this with --out pointing at a temporary folder and compares the results.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const repoRoot = resolve(packageDir, '../..');
const require = createRequire(import.meta.url);

/** @param {string[]} argv */
function parseArgs(argv) {
  let out = join(packageDir, 'src/generated');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      const value = argv[++i];
      if (!value) throw new Error('--out needs a folder');
      out = resolve(value);
    } else {
      throw new Error(`unknown argument: ${arg} (usage: generate.mjs [--out DIR])`);
    }
  }
  return { out };
}

const HEADER = [
  '// This file is generated from spec/openapi.yaml by packages/schema/scripts/generate.mjs.',
  '// Do not edit it by hand: change the spec and run `pnpm generate`.',
  '',
].join('\n');

function bundle() {
  const redoclyPackage = require.resolve('@redocly/cli/package.json');
  const redoclyBin = join(dirname(redoclyPackage), 'bin/cli.js');
  const scratch = mkdtempSync(join(tmpdir(), 'mlclose-bundle-'));
  try {
    const output = join(scratch, 'openapi.json');
    execFileSync(
      process.execPath,
      [
        redoclyBin,
        'bundle',
        'mlclose',
        '--config',
        join(repoRoot, 'redocly.yaml'),
        '--output',
        output,
        '--ext',
        'json',
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
      },
    );
    return JSON.parse(readFileSync(output, 'utf8'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  mkdirSync(out, { recursive: true });

  const bundled = bundle();
  const spec = { 'x-generated': 'From spec/openapi.yaml. Do not edit; run `pnpm generate`.', ...bundled };
  writeFileSync(join(out, 'openapi.json'), `${JSON.stringify(spec, null, 2)}\n`);

  const ast = await openapiTS(bundled, { alphabetize: false, exportType: false });
  writeFileSync(join(out, 'types.ts'), HEADER + astToString(ast));

  const { schemas } = bundled.components;
  const closeJob = bundled.paths['/_ml/anomaly_detectors/{job_id}/_close'].post;
  writeFileSync(
    join(out, 'constants.ts'),
    HEADER +
      [
        "/** The Duration pattern from the spec: exactly what Elasticsearch's TimeValue.parseTimeValue accepts. */",
        `export const DURATION_PATTERN = ${JSON.stringify(schemas.Duration.pattern)};`,
        '',
        "/** The job states, in the order of the spec's JobState enum. */",
        `export const JOB_STATES = ${JSON.stringify(schemas.JobState.enum)} as const;`,
        '',
        "/** The datafeed states, in the order of the spec's DatafeedState enum. */",
        `export const DATAFEED_STATES = ${JSON.stringify(schemas.DatafeedState.enum)} as const;`,
        '',
        '/** The operationId of close-job. */',
        `export const CLOSE_JOB_OPERATION_ID = ${JSON.stringify(closeJob.operationId)};`,
        '',
        '/** The transport action name Elasticsearch uses in close-job messages. */',
        `export const CLOSE_JOB_ACTION = ${JSON.stringify(closeJob['x-action'])};`,
        '',
      ].join('\n'),
  );

  const requirements = bundled['x-requirements'];
  if (!Array.isArray(requirements) || requirements.length === 0) {
    throw new Error('spec/openapi.yaml has no x-requirements catalogue');
  }
  const seen = new Set();
  for (const requirement of requirements) {
    if (!/^CJ-[A-Z]+-\d{3}$/.test(requirement.id)) throw new Error(`bad requirement id: ${requirement.id}`);
    if (seen.has(requirement.id)) throw new Error(`duplicate requirement id: ${requirement.id}`);
    seen.add(requirement.id);
    // A source names what the rule rests on inside reach of a reader: Elasticsearch classes, Elastic's docs, a
    // supporting API or mlclose itself. Never a section sign (U+00A7) citing a document outside the repository.
    if (typeof requirement.source !== 'string' || /\u00a7|behaviour/.test(requirement.source))
      throw new Error(
        `${requirement.id}: source must name Elasticsearch classes, docs, supporting or mlclose`,
      );
  }
  const entries = requirements.map((r) =>
    JSON.stringify({
      id: r.id,
      statement: r.statement,
      source: r.source,
      reach: r.reach,
      verified: r.verified !== false,
    }),
  );
  writeFileSync(
    join(out, 'requirements.ts'),
    HEADER +
      [
        "import type { Requirement } from '../requirement.js';",
        '',
        '/** The requirement catalogue (`x-requirements` in the spec), in spec order. */',
        'export const REQUIREMENTS = [',
        ...entries.map((e) => `  ${e},`),
        '] as const satisfies readonly Requirement[];',
        '',
        '/** Every requirement id. */',
        "export type RequirementId = (typeof REQUIREMENTS)[number]['id'];",
        '',
        `/** The spec's info.version; it matches the packages' version. */`,
        `export const SPEC_VERSION = ${JSON.stringify(bundled.info.version)};`,
        '',
      ].join('\n'),
  );
}

main().catch((error) => {
  console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
  if (error && typeof error === 'object' && 'stderr' in error && error.stderr) {
    console.error(String(error.stderr));
  }
  process.exit(1);
});
