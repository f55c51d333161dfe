// Runs one JavaScript sample file exactly as the docs print it, and writes what it printed (or the error
// response it got) to stdout as JSON. The sample is imported unchanged: for `@elastic/elasticsearch` samples,
// which use a `client` made beforehand (as on Elastic's docs pages), the client is made here, as a global.
//   node run-js-sample.mjs <sample.mjs> <elasticsearch|none>
import { pathToFileURL } from 'node:url';

const [samplePath, clientKind] = process.argv.slice(2);
/** @type {unknown[]} */
const printed = [];
const write = (/** @type {string} */ text) => new Promise((resolve) => process.stdout.write(text, resolve));
console.log = (...values) => printed.push(...values);

if (clientKind === 'elasticsearch') {
  const { Client } = await import('@elastic/elasticsearch');
  // The test harness always sets both variables.
  /** @type {{ client?: unknown }} */ (globalThis).client = new Client({
    node: process.env.ELASTICSEARCH_URL,
    auth: { apiKey: /** @type {string} */ (process.env.ELASTIC_API_KEY) },
  });
}

let result;
try {
  await import(pathToFileURL(/** @type {string} */ (samplePath)).href);
  result = { ok: true, printed };
} catch (error) {
  // @elastic/elasticsearch's ResponseError keeps the answer in `meta`; @mlclose/client's on the error itself.
  const failure =
    /** @type {{ meta?: { statusCode?: unknown, body?: unknown }, statusCode?: unknown, body?: unknown }} */ (
      error
    );
  const status = failure?.meta?.statusCode ?? failure?.statusCode;
  if (typeof status !== 'number') throw error;
  result = { ok: false, status, body: failure.meta?.body ?? failure.body };
}
await write(JSON.stringify(result));
// The client keeps its connections alive; the sample is done.
process.exit(0);
