#!/usr/bin/env node
// Generates everything in src/generated/ from spec/openapi.yaml:
//   openapi.json     the bundled spec (Redocly, through the `mlclose` API alias so redocly.yaml applies)
//   types.ts         openapi-typescript types
//   constants.ts     the Duration pattern, state enums and names, for code that must not load a validator
//   requirements.ts  the requirement catalogue (x-requirements)
//   validators.ts    ajv's standalone code for every schema, query, request body and response of the spec, so
//                    that validating never compiles a schema at run time
//
// Usage: node scripts/generate.mjs [--out DIR]   (default: src/generated)
// The drift test runs this with --out pointing at a temporary folder and compares the results.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import openapiTS, { astToString } from 'openapi-typescript';
import { createSpecAjv, toJsonSchema } from '../src/json-schema.js';
import { derefLocalRef } from '../src/local-ref.js';

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

  writeFileSync(join(out, 'validators.ts'), HEADER + validatorsModule(bundled));

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

/** @param {any} content @param {string} what */
function jsonSchemaOf(content, what) {
  const json = content?.['application/json'];
  if (!json) throw new Error(`${what} has no application/json content`);
  return json.schema ?? {};
}

/**
 * Every schema the validators need, by what they validate: `components.schemas` by name, and for each
 * operation its query parameters as one object schema (unknown names rejected; values are parsed values, as a
 * client holds them), its JSON request body (null when it takes none) and its responses by status.
 * @param {any} bundled
 */
function validatedSchemas(bundled) {
  /** @type {Record<string, unknown>} */
  const schemas = {};
  for (const name of Object.keys(bundled.components.schemas))
    schemas[name] = { $ref: `#/components/schemas/${name}` };
  /** @type {Record<string, unknown>} */
  const queries = {};
  /** @type {Record<string, unknown>} */
  const bodies = {};
  /** @type {Record<string, Record<string, unknown>>} */
  const responses = {};
  for (const item of Object.values(bundled.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const id = operation.operationId;
      if (typeof id !== 'string' || Object.hasOwn(queries, id))
        throw new Error(`missing or duplicate operationId: ${id}`);
      /** @type {Record<string, unknown>} */
      const properties = {};
      for (const raw of operation.parameters ?? []) {
        const parameter = /** @type {any} */ (derefLocalRef(bundled, raw));
        if (parameter.in === 'query') properties[parameter.name] = parameter.schema ?? {};
      }
      queries[id] = { type: 'object', additionalProperties: false, properties };
      bodies[id] = operation.requestBody
        ? jsonSchemaOf(
            /** @type {any} */ (derefLocalRef(bundled, operation.requestBody)).content,
            `the request body of ${id}`,
          )
        : null;
      responses[id] = {};
      for (const [status, raw] of Object.entries(operation.responses)) {
        const { content } = /** @type {any} */ (derefLocalRef(bundled, raw));
        responses[id][status] = content ? jsonSchemaOf(content, `response ${status} of ${id}`) : {};
      }
    }
  }
  return { schemas, queries, bodies, responses };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * ajv's standalone code for every validator (https://ajv.js.org/standalone.html): one function per distinct
 * schema, shared sub-schemas compiled once, and tables from what is validated to its function.
 * @param {any} bundled
 */
function validatorsModule(bundled) {
  const ajv = createSpecAjv(bundled.components.schemas, {
    code: { source: true, esm: true },
  });
  const { schemas, queries, bodies, responses } = validatedSchemas(bundled);
  /** @type {Map<string, string>} JSON text of a schema -> its validator's name */
  const names = new Map();
  /** @param {unknown} schema */
  const nameOf = (schema) => {
    const text = JSON.stringify(schema);
    let name = names.get(text);
    if (name === undefined) {
      name = `validate_${names.size}`;
      names.set(text, name);
      ajv.addSchema(/** @type {object} */ (toJsonSchema(schema)), name);
    }
    return name;
  };
  /** @param {Record<string, unknown>} table */
  const tableOf = (table) =>
    Object.entries(table).map(
      ([key, schema]) => `  ${JSON.stringify(key)}: ${schema === null ? 'null' : nameOf(schema)},`,
    );
  const schemaTable = tableOf(schemas);
  const queryTable = tableOf(queries);
  const bodyTable = tableOf(bodies);
  const responseTable = Object.entries(responses).flatMap(([id, byStatus]) => [
    `  ${JSON.stringify(id)}: {`,
    ...tableOf(byStatus).map((line) => `  ${line}`),
    '  },',
  ]);
  const exported = Object.fromEntries([...names.values()].map((name) => [name, name]));
  const code = standaloneCodeModule
    .default(ajv, exported)
    // The functions are reached through the tables below, never exported one by one.
    .replace(/export const (validate_\d+) = /g, 'const $1 = ');
  const runtime = code.match(/require\("[^"]*"\)/g) ?? [];
  for (const call of runtime)
    if (!call.startsWith('require("ajv/dist/runtime/')) throw new Error(`unexpected ${call} in ajv's code`);
  return [
    '// @ts-nocheck: ajv writes plain JavaScript; the tables at the end are typed.',
    "import type { ErrorObject } from 'ajv';",
    ...(runtime.length
      ? [
          "import { createRequire } from 'node:module';",
          '',
          "// ajv's code reaches its runtime helpers (ucs2length, equal) with require().",
          'const require = createRequire(import.meta.url);',
        ]
      : []),
    '',
    "/** A validator ajv compiled ahead of time: whether the value matches, with ajv's errors left on `errors`. */",
    'export type CompiledValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };',
    '',
    code.replace(/^"use strict";\n?/, ''),
    '',
    '/** The validator of each schema of `components.schemas`, by name. */',
    'export const schemaValidators: Readonly<Record<string, CompiledValidator>> = {',
    ...schemaTable,
    '};',
    '',
    "/** The validator of each operation's query parameters (parsed values, unknown names rejected), by operationId. */",
    'export const queryValidators: Readonly<Record<string, CompiledValidator>> = {',
    ...queryTable,
    '};',
    '',
    "/** The validator of each operation's JSON request body, by operationId; null when it takes no body. */",
    'export const bodyValidators: Readonly<Record<string, CompiledValidator | null>> = {',
    ...bodyTable,
    '};',
    '',
    "/** The validator of each operation's response bodies, by operationId and status. */",
    'export const responseValidators: Readonly<Record<string, Readonly<Record<string, CompiledValidator>>>> = {',
    ...responseTable,
    '};',
    '',
  ].join('\n');
}

main().catch((error) => {
  console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
  if (error && typeof error === 'object' && 'stderr' in error && error.stderr) {
    console.error(String(error.stderr));
  }
  process.exit(1);
});
