// Loads samples/examples.json and checks every example against the spec: each example's request is a console
// request of an operation of the spec, and its documented answer is a named example of that operation's
// response, so the docs never restate a response by hand.
import { readFileSync } from 'node:fs';
import { derefLocalRef } from '@mlclose/schema/local-ref';

export const CLOSE_JOB_PATH = '/_ml/anomaly_detectors/{job_id}/_close';
const JOB_STATES = new Set(['opened', 'closed', 'failed']);
const DATAFEED_STATES = new Set(['started', 'stopped']);
/** The sections of the examples page, in order; each example names one. */
export const SECTIONS = [
  { id: 'lifecycle', title: 'The job lifecycle' },
  { id: 'close', title: 'Closing jobs' },
  { id: 'after-close', title: 'After closing: change or delete' },
];
const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

/**
 * @typedef {typeof import('@mlclose/schema/spec').spec} Spec The bundled spec of @mlclose/schema.
 * @typedef {import('@mlclose/schema/spec').OperationObject} Operation
 */

/**
 * One example of samples/examples.json, as loadExamples validates it (and fills in `setup`).
 * @typedef {object} Example
 * @property {string} id
 * @property {'lifecycle' | 'close' | 'after-close'} section
 * @property {string} title
 * @property {string} description Markdown.
 * @property {string} request Console text.
 * @property {boolean} [primary]
 * @property {ExampleSetup} setup
 * @property {{ status: number, example: string, unstable?: string[], partial?: boolean }} response The name of a
 *   response example of the spec.
 * @property {{ error: string, call: string }} [python717]
 */

/**
 * What exists before an example's call.
 * @typedef {object} ExampleSetup
 * @property {string[]} [indices]
 * @property {{ job_id: string, state: string, groups?: string[], records?: Record<string, unknown>[] }[]} [jobs]
 * @property {{ datafeed_id: string, job_id: string, state: string }[]} [datafeeds]
 */

/**
 * Splits console text (`METHOD path?query` on the first line, an optional body below) into its parts.
 * `target` is the path and query as written, with a leading `/`. The body is one JSON value, or, as Console
 * takes it for `_data` and `_bulk`, newline-delimited JSON: one object a line. Then `body` is the array of
 * those objects (what @elastic/request-converter hands the clients) and `ndjson` the body as sent, each line
 * ending in a newline.
 * @param {string} text
 * @returns {{ method: string, target: string, rawPath: string, query: URLSearchParams, body: any, ndjson?: string }}
 */
export function parseConsole(text) {
  const [requestLine = '', ...bodyLines] = text.split('\n');
  const match = /** @type {(RegExpExecArray & [string, string, string]) | null} */ (
    /^([A-Z]+) (\S+)$/.exec(requestLine)
  );
  if (!match || !METHODS.has(match[1])) throw new Error(`not a console request line: '${requestLine}'`);
  const target = `/${match[2].replace(/^\//, '')}`;
  const [rawPath = '', query = ''] = target.split('?');
  const bodyText = bodyLines.join('\n').trim();
  let body;
  let ndjson;
  if (bodyText) {
    try {
      body = JSON.parse(bodyText);
    } catch (error) {
      const lines = bodyText.split('\n');
      const records = lines.length > 1 ? lines.map(ndjsonRecord) : [];
      if (records.length === 0 || records.includes(undefined)) {
        throw new Error(`the body of '${requestLine}' is not JSON: ${/** @type {Error} */ (error).message}`);
      }
      body = records;
      ndjson = lines.map((line) => `${line}\n`).join('');
    }
  }
  return {
    method: /** @type {string} */ (match[1]),
    target,
    rawPath,
    query: new URLSearchParams(query),
    body,
    ...(ndjson === undefined ? {} : { ndjson }),
  };
}

/**
 * One line of an ndjson body: a JSON object, or `undefined` when it is not one.
 * @param {string} line
 * @returns {Record<string, unknown> | undefined}
 */
function ndjsonRecord(line) {
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The spec path and operation a console request calls: the match with the most literal segments wins.
 * @param {Spec} spec
 * @param {{ method: string, rawPath: string }} request
 * @returns {{ path: string, operation: Operation }}
 */
export function operationFor(spec, { method, rawPath }) {
  const segments = rawPath.split('/');
  /** @type {{ path: string, operation: Operation, literal: number } | undefined} */
  let best;
  for (const [template, item] of Object.entries(spec.paths)) {
    const operation = item[method.toLowerCase()];
    const parts = template.split('/');
    if (!operation || parts.length !== segments.length) continue;
    const literal = parts.filter((part) => !part.startsWith('{')).length;
    const matches = parts.every((part, i) => part.startsWith('{') || part === segments[i]);
    if (matches && (!best || literal > best.literal)) best = { path: template, operation, literal };
  }
  if (!best) throw new Error(`no operation of the spec answers ${method} ${rawPath}`);
  return { path: best.path, operation: best.operation };
}

/**
 * The documented answer of an example: `{ status, summary, value, unstable, partial }` from the spec's response
 * examples. `partial`: the spec's example is an excerpt, the cluster answers more fields.
 * @param {Spec} spec
 * @param {Pick<Example, 'id' | 'request' | 'response'>} example
 */
export function documentedResponse(spec, example) {
  const { status, example: name, unstable = [], partial = false } = example.response;
  const { path, operation } = operationFor(spec, parseConsole(example.request));
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`example ${example.id}: ${operation.operationId} has no ${status} response`);
  /** @type {any} A response object of the spec. */
  const resolvedResponse = derefLocalRef(spec, response);
  const examples = resolvedResponse.content?.['application/json']?.examples ?? {};
  if (!examples[name]) {
    throw new Error(
      `example ${example.id}: the ${status} response of ${operation.operationId} has no example '${name}' (has ${Object.keys(examples).join(', ')})`,
    );
  }
  /** @type {any} An example object of the spec. */
  const resolved = derefLocalRef(spec, examples[name]);
  return { status, name, path, summary: resolved.summary ?? name, value: resolved.value, unstable, partial };
}

/**
 * Whether an example calls close-job (and so also gets an @mlclose/client sample).
 * @param {Spec} spec
 * @param {Pick<Example, 'request'>} example
 */
export function isCloseJob(spec, example) {
  return operationFor(spec, parseConsole(example.request)).path === CLOSE_JOB_PATH;
}

/**
 * Reads and validates samples/examples.json.
 * @param {string} file
 * @param {Spec} spec
 * @returns {Example[]}
 */
export function loadExamples(file, spec) {
  /** @type {{ examples: Example[] }} The shape is checked below. */
  const { examples } = JSON.parse(readFileSync(file, 'utf8'));
  const ids = new Set();
  for (const ex of examples) {
    if (!/^[a-z0-9-]+$/.test(ex.id ?? '')) throw new Error(`bad example id '${ex.id}'`);
    if (ids.has(ex.id)) throw new Error(`duplicate example id '${ex.id}'`);
    ids.add(ex.id);
    if (typeof ex.request !== 'string') throw new Error(`example ${ex.id}: request must be console text`);
    if (!ex.title || !ex.description) throw new Error(`example ${ex.id}: title and description are required`);
    if (!SECTIONS.some(({ id }) => id === ex.section))
      throw new Error(`example ${ex.id}: section must be one of ${SECTIONS.map(({ id }) => id).join(', ')}`);
    const request = parseConsole(ex.request);
    if (request.body !== undefined && [...request.query.keys()].length > 0 && isCloseJob(spec, ex)) {
      // Elasticsearch rejects a body together with query options (CJ-MODE-002): an example must pick one.
      throw new Error(`example ${ex.id}: query and body are mutually exclusive`);
    }
    ex.setup ??= {};
    for (const job of ex.setup.jobs ?? []) {
      if (!JOB_STATES.has(job.state))
        throw new Error(`example ${ex.id}: job state must be one of ${[...JOB_STATES]}`);
      // Only an opened job takes records (post data answers 409 otherwise).
      if (job.records !== undefined && !(job.state === 'opened' && Array.isArray(job.records)))
        throw new Error(`example ${ex.id}: records are posted to an opened job, as an array`);
    }
    for (const feed of ex.setup.datafeeds ?? []) {
      if (!DATAFEED_STATES.has(feed.state))
        throw new Error(`example ${ex.id}: datafeed state must be one of ${[...DATAFEED_STATES]}`);
    }
    if (ex.python717 && !(typeof ex.python717.error === 'string' && typeof ex.python717.call === 'string'))
      throw new Error(`example ${ex.id}: python717 needs the error and the 7.17 call`);
    documentedResponse(spec, ex);
  }
  if (examples.filter((ex) => ex.primary).length !== 1)
    throw new Error('exactly one example must be primary');
  if (
    !isCloseJob(
      spec,
      // Exactly one is (checked above).
      /** @type {Example} */ (examples.find((ex) => ex.primary)),
    )
  )
    throw new Error('the primary example must call close-job');
  return examples;
}
