// The spec's validators are ajv's standalone code, generated ahead of time: validating with them must never load
// ajv's compiler, and must give exactly what compiling the same schema at run time gives.
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { deref, listOperations, spec, type Json } from '../src/spec.js';
import {
  validateQuery,
  validateRequestBody,
  validateResponse,
  validateSchema,
  validateSpecSchema,
} from '../src/validators.js';

/**
 * What the built validators load, seen from a fresh worker thread (./fixtures/ajv-in-fresh-thread.mjs): the test files
 * share one module graph per vitest worker, where another file may have loaded ajv already.
 */
function inFreshThread(): Promise<{
  precompiled: boolean[];
  afterPrecompiled: string[];
  brought: unknown;
  afterBrought: string[];
}> {
  const worker = new Worker(new URL('./fixtures/ajv-in-fresh-thread.mjs', import.meta.url), {
    workerData: new URL('../dist/validators.js', import.meta.url).href,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) without an answer`)));
  });
}

type JsonObject = { [key: string]: Json };
const asObject = (value: Json | undefined): JsonObject => (value ?? {}) as JsonObject;

/** Values that break most schemas in different ways. */
const PROBES: unknown[] = [
  null,
  'text',
  -1,
  [],
  {},
  { closed: false, extra: 1 },
  { error: { root_cause: [{}], type: 1, reason: null }, status: '404' },
  { error: 'no handler found', status: 404.5 },
  { count: -1, jobs: [{ job_id: 'Bad Id!', state: 'shut', data_counts: { job_id: 1 } }] },
  { timeout: '30 minutes', force: 'yes', allow_no_match: 1, job_id: 'x'.repeat(70), unknown: true },
];

function contentSchema(content: Json | undefined): Json {
  const json = asObject(asObject(content)['application/json']);
  return json.schema ?? {};
}

describe('precompiled validators', () => {
  // The built package (dist/, which the test task builds first), in a thread of its own: one for both tests.
  let seen: Awaited<ReturnType<typeof inFreshThread>>;
  beforeAll(async () => {
    seen = await inFreshThread();
  });

  it('validate without loading ajv', () => {
    expect(seen.precompiled).toEqual([true, false, true, false]);
    expect(seen.afterPrecompiled).toEqual([]);
  });

  it('validateSpecSchema loads ajv for a schema the caller brings', () => {
    expect(seen.brought).toEqual([{ path: '', message: 'must be integer' }]);
    expect(seen.afterBrought).not.toEqual([]);
  });

  const names = Object.keys(spec.components.schemas!);
  it.each(names)('schema %s gives what compiling it at run time gives', (name) => {
    for (const value of PROBES)
      expect(validateSchema(name as never, value)).toEqual(
        validateSpecSchema({ $ref: `#/components/schemas/${name}` }, value),
      );
  });

  const operations = listOperations().map(({ operation }) => operation);
  it.each(operations.map((operation) => operation.operationId))(
    '%s: responses, query and body give what compiling them at run time gives',
    (operationId) => {
      const operation = operations.find((candidate) => candidate.operationId === operationId)!;
      for (const [status, raw] of Object.entries(operation.responses)) {
        const { content } = asObject(deref(raw));
        const schema = content === undefined ? {} : contentSchema(content);
        for (const value of PROBES)
          expect(validateResponse(operationId, Number(status), value)).toEqual(
            validateSpecSchema(schema, value),
          );
      }
      const properties: JsonObject = {};
      for (const raw of operation.parameters ?? []) {
        const parameter = asObject(deref(raw));
        if (parameter.in === 'query') properties[String(parameter.name)] = parameter.schema ?? {};
      }
      const query = { type: 'object', additionalProperties: false, properties };
      for (const value of PROBES)
        expect(validateQuery(operationId, value)).toEqual(validateSpecSchema(query, value));
      if (operation.requestBody === undefined) {
        expect(() => validateRequestBody(operationId, {})).toThrow(`'${operationId}' takes no request body`);
      } else {
        const body = contentSchema(asObject(deref(operation.requestBody)).content);
        for (const value of PROBES)
          expect(validateRequestBody(operationId, value)).toEqual(validateSpecSchema(body, value));
      }
    },
  );

  it.each([
    ['validateQuery', () => validateQuery('nope', {})],
    ['validateRequestBody', () => validateRequestBody('nope', {})],
    ['validateResponse', () => validateResponse('nope', 200, {})],
  ])('%s refuses an unknown operationId', (_name, call) => {
    expect(call).toThrow("the spec has no operation with operationId 'nope'");
  });

  it('validateSchema refuses a name inherited from Object.prototype', () => {
    expect(() => validateSchema('toString' as never, {})).toThrow("the spec has no schema 'toString'");
  });
});
