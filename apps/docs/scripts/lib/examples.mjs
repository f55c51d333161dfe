// Loads samples/examples.json and checks every example against the spec: the documented answer of an example
// is a named example of the close-job operation's response, so the docs never restate a response by hand.
import { readFileSync } from 'node:fs';
import { clientOptions } from './samples.mjs';

export const CLOSE_JOB_PATH = '/_ml/anomaly_detectors/{job_id}/_close';
const JOB_STATES = new Set(['opened', 'closed', 'failed']);

function deref(spec, value) {
  let current = value;
  for (let depth = 0; current && typeof current.$ref === 'string'; depth++) {
    if (depth > 20) throw new Error(`circular $ref ${value.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
    if (current === undefined) throw new Error(`unresolvable $ref ${value.$ref}`);
  }
  return current;
}

/** The documented answer of an example: `{ status, summary, value }` from the spec's response examples. */
export function documentedResponse(spec, example) {
  const { status, example: name } = example.response;
  const operation = spec.paths[CLOSE_JOB_PATH].post;
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`example ${example.id}: close-job has no ${status} response`);
  const examples = deref(spec, response).content?.['application/json']?.examples ?? {};
  if (!examples[name]) {
    throw new Error(
      `example ${example.id}: the ${status} response has no example '${name}' (has ${Object.keys(examples).join(', ')})`,
    );
  }
  const resolved = deref(spec, examples[name]);
  return { status, name, summary: resolved.summary ?? name, value: resolved.value };
}

/** Reads and validates samples/examples.json. */
export function loadExamples(file, spec) {
  const { examples } = JSON.parse(readFileSync(file, 'utf8'));
  const ids = new Set();
  for (const ex of examples) {
    if (!/^[a-z0-9-]+$/.test(ex.id ?? '')) throw new Error(`bad example id '${ex.id}'`);
    if (ids.has(ex.id)) throw new Error(`duplicate example id '${ex.id}'`);
    ids.add(ex.id);
    if (typeof ex.job_id !== 'string') throw new Error(`example ${ex.id}: job_id must be a string`);
    if (!ex.title || !ex.description) throw new Error(`example ${ex.id}: title and description are required`);
    clientOptions(ex); // throws on unknown options, or query and body together
    for (const job of ex.setup?.jobs ?? []) {
      if (!JOB_STATES.has(job.state))
        throw new Error(`example ${ex.id}: job state must be one of ${[...JOB_STATES]}`);
    }
    documentedResponse(spec, ex);
  }
  if (examples.filter((ex) => ex.primary).length !== 1)
    throw new Error('exactly one example must be primary');
  return examples;
}
