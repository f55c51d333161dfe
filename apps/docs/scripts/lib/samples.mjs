// Turns one example description (samples/examples.json) into the same call in every language the docs show.
// Each generator is a pure function of the example, so the six samples cannot drift apart.

/** The languages, in the order the docs show them. `lang` is what Redoc's x-codeSamples expects. */
export const LANGUAGES = [
  { id: 'console', lang: 'HTTP', label: 'Console' },
  { id: 'curl', lang: 'Shell', label: 'curl' },
  { id: 'javascript', lang: 'JavaScript', label: 'JavaScript' },
  { id: 'python', lang: 'Python', label: 'Python' },
  { id: 'ruby', lang: 'Ruby', label: 'Ruby' },
  { id: 'php', lang: 'PHP', label: 'PHP' },
];

const OPTION_ORDER = ['allow_no_match', 'force', 'timeout'];

/** Options in a stable order, so every language lists them the same way. */
function orderedEntries(options = {}) {
  const unknown = Object.keys(options).filter((key) => !OPTION_ORDER.includes(key));
  if (unknown.length > 0) throw new Error(`unknown close-job option(s): ${unknown.join(', ')}`);
  return OPTION_ORDER.filter((key) => key in options).map((key) => [key, options[key]]);
}

/** Validates an example and returns its options for clients, which choose the wire form themselves. */
export function clientOptions(example) {
  if (example.query && example.body) {
    // Elasticsearch rejects a body together with query options (CJ-MODE-002): an example must pick one.
    throw new Error(`example ${example.id}: query and body are mutually exclusive`);
  }
  return orderedEntries(example.query ?? example.body ?? {});
}

/** The path with each comma-separated token percent-encoded, keeping `,` and `*` readable. */
export function closePath(jobId) {
  const encoded = jobId
    .split(',')
    .map((token) => encodeURIComponent(token).replace(/%2A/g, '*'))
    .join(',');
  return `/_ml/anomaly_detectors/${encoded}/_close`;
}

/** The query string of a query-mode example, with a leading `?`, or ''. */
export function queryString(example) {
  const entries = orderedEntries(example.query ?? {});
  if (entries.length === 0) return '';
  return '?' + entries.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&');
}

export function consoleSample(example) {
  clientOptions(example);
  const lines = [`POST ${closePath(example.job_id).slice(1)}${queryString(example)}`];
  if (example.body) lines.push(JSON.stringify(example.body, null, 2));
  return lines.join('\n');
}

/** Single-quotes a string for POSIX shells. */
function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlSample(example) {
  clientOptions(example);
  const url = `"$ELASTICSEARCH_URL${closePath(example.job_id)}${queryString(example)}"`;
  if (/["$`\\]/.test(closePath(example.job_id) + queryString(example))) {
    throw new Error(`example ${example.id}: the URL would need shell escaping`);
  }
  const parts = ['curl -X POST -H "Authorization: ApiKey $ELASTIC_API_KEY"'];
  if (example.body) {
    parts.push(`-H "Content-Type: application/json" -d ${shellQuote(JSON.stringify(example.body))}`);
  }
  parts.push(url);
  return parts.join(' ');
}

function jsValue(value) {
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
}

export function javascriptSample(example) {
  const fields = [['job_id', example.job_id], ...clientOptions(example)];
  return [
    "import { createClient } from '@mlclose/client';",
    '',
    'const client = createClient({',
    '  node: process.env.ELASTICSEARCH_URL,',
    '  auth: { apiKey: process.env.ELASTIC_API_KEY },',
    '});',
    '',
    'const response = await client.ml.closeJob({',
    ...fields.map(([key, value]) => `  ${key}: ${jsValue(value)},`),
    '});',
    'console.log(response);',
  ].join('\n');
}

function pyValue(value) {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return JSON.stringify(value);
}

export function pythonSample(example) {
  const fields = [['job_id', example.job_id], ...clientOptions(example)];
  return [
    'resp = client.ml.close_job(',
    ...fields.map(([key, value]) => `    ${key}=${pyValue(value)},`),
    ')',
    'print(resp)',
  ].join('\n');
}

export function rubySample(example) {
  const options = clientOptions(example);
  const lines = ['response = client.ml.close_job(', `  job_id: ${JSON.stringify(example.job_id)}`];
  if (example.body) {
    // The Ruby client sends only `body:` as the request body; other keywords become query parameters.
    const inner = options
      .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
      .join(', ');
    lines[1] += ',';
    lines.push(`  body: { ${inner} }`);
  } else {
    for (const [key, value] of options) {
      lines[lines.length - 1] += ',';
      lines.push(`  ${key}: ${JSON.stringify(value)}`);
    }
  }
  lines.push(')', 'puts response');
  return lines.join('\n');
}

function phpValue(value) {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

export function phpSample(example) {
  const options = clientOptions(example);
  const lines = ['$resp = $client->ml()->closeJob([', `    "job_id" => ${JSON.stringify(example.job_id)},`];
  if (example.body) {
    lines.push('    "body" => [');
    for (const [key, value] of options) lines.push(`        "${key}" => ${phpValue(value)},`);
    lines.push('    ],');
  } else {
    for (const [key, value] of options) lines.push(`    "${key}" => ${phpValue(value)},`);
  }
  lines.push(']);', 'echo $resp->asString();');
  return lines.join('\n');
}

const GENERATORS = {
  console: consoleSample,
  curl: curlSample,
  javascript: javascriptSample,
  python: pythonSample,
  ruby: rubySample,
  php: phpSample,
};

/** Every language's sample for one example, in LANGUAGES order. */
export function samplesFor(example) {
  return LANGUAGES.map((language) => ({ ...language, source: GENERATORS[language.id](example) }));
}

/** The x-codeSamples entries for an example, as Redoc reads them. */
export function codeSamplesFor(example) {
  return samplesFor(example).map(({ lang, label, source }) => ({ lang, label, source }));
}
