// Runs JavaScript samples exactly as the docs print them, one after another in this one Node process (importing
// @elastic/elasticsearch once instead of once per sample). Each line on stdin is a request,
//   {"file": "<sample.mjs>", "client": "elasticsearch" | "none", "env": {"ELASTICSEARCH_URL": …, …}}
// and each answer is one line on stdout: what the sample printed, or the error response it got, or (`fatal`) an
// error that is not an answer, with its stack. The sample is imported unchanged: for `@elastic/elasticsearch`
// samples, which use a `client` made beforehand (as on Elastic's docs pages), a fresh client is made here, as a
// global, and closed after the sample. The process ends when stdin ends.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

/** @type {unknown[]} */
let printed = [];
const write = (/** @type {string} */ text) => new Promise((resolve) => process.stdout.write(text, resolve));
console.log = (...values) => printed.push(...values);

/** @type {Promise<typeof import('@elastic/elasticsearch')> | undefined} */
let elasticsearch;
let runs = 0;

/** @param {{ file: string, client: string, env: Record<string, string> }} request */
async function runSample({ file, client: clientKind, env }) {
  printed = [];
  Object.assign(process.env, env);
  /** @type {{ close(): Promise<void> } | undefined} */
  let client;
  if (clientKind === 'elasticsearch') {
    elasticsearch ??= import('@elastic/elasticsearch');
    const { Client } = await elasticsearch;
    client = new Client({ node: env.ELASTICSEARCH_URL, auth: { apiKey: env.ELASTIC_API_KEY ?? '' } });
    /** @type {{ client?: unknown }} */ (globalThis).client = client;
  }
  try {
    // A query per run: a sample file written again under the same name is imported again.
    await import(`${pathToFileURL(file).href}?run=${++runs}`);
    return { ok: true, printed };
  } catch (error) {
    // @elastic/elasticsearch's ResponseError keeps the answer in `meta`; @mlclose/client's on the error itself.
    const failure =
      /** @type {{ meta?: { statusCode?: unknown, body?: unknown }, statusCode?: unknown, body?: unknown }} */ (
        error
      );
    const status = failure?.meta?.statusCode ?? failure?.statusCode;
    if (typeof status !== 'number')
      return { fatal: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    return { ok: false, status, body: failure.meta?.body ?? failure.body };
  } finally {
    delete (/** @type {{ client?: unknown }} */ (globalThis).client);
    await client?.close();
  }
}

for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  if (line.trim() === '') continue;
  await write(`${JSON.stringify(await runSample(JSON.parse(line)))}\n`);
}
// The clients keep their connections alive; every sample is done.
process.exit(0);
