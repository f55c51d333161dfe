// The code samples of the docs. The samples for Elastic's clients (curl, JavaScript, Python, Ruby, PHP) are
// written by Elastic's own converter, @elastic/request-converter, from the console text of each example, as on
// Elastic's docs pages: nothing here writes them by hand. The converter works offline (it ships the Elasticsearch
// API specification it needs).
//
// One generator is still ours: the @mlclose/client sample of close-job examples. The converter only knows
// Elastic's clients, and @mlclose/client is ours.
import { createRequire } from 'node:module';
import { convertRequests } from '@elastic/request-converter';
import { parseConsole } from './examples.mjs';

const require = createRequire(import.meta.url);

/** The version of @elastic/request-converter that wrote the samples (pinned in package.json). */
export const CONVERTER_VERSION = require('@elastic/request-converter/package.json').version;

/**
 * @typedef {object} Language
 * @property {string} id
 * @property {string} lang
 * @property {string} label
 * @property {string} [format] The converter's format; absent for the console and client samples, not converted.
 * @property {boolean} [closeJobOnly]
 * @property {import('@elastic/request-converter').ConvertOptions} [options]
 */

/**
 * One sample of an example, as the pages show it.
 * @typedef {{ id: string, lang: string, label: string, source: string }} Sample
 */

/**
 * The languages, in the order the docs show them. `lang` is what Redoc's x-codeSamples expects; `format` is the
 * converter's output format. `closeJobOnly` samples exist for close-job examples only.
 * @type {Language[]}
 */
export const LANGUAGES = [
  { id: 'console', lang: 'HTTP', label: 'Console' },
  { id: 'curl', lang: 'Shell', label: 'curl', format: 'curl' },
  { id: 'javascript', lang: 'JavaScript', label: 'JavaScript', format: 'javascript' },
  { id: 'mlclose-client', lang: 'JavaScript', label: '@mlclose/client', closeJobOnly: true },
  { id: 'python', lang: 'Python', label: 'Python', format: 'python' },
  // printResponse is off for Ruby: converter 9.5.0 assigns `response = ...` but prints `print(resp)`, an
  // undefined variable (test/ruby-php-samples.test.ts proves it, and fails once the converter is fixed).
  { id: 'ruby', lang: 'Ruby', label: 'Ruby', format: 'ruby', options: { printResponse: false } },
  { id: 'php', lang: 'PHP', label: 'PHP', format: 'php' },
];

/**
 * One sample in a converter format, as the docs print it: the call alone, `client` made beforehand.
 * @param {string} request Console text.
 * @param {string} format
 * @param {import('@elastic/request-converter').ConvertOptions} [options]
 * @returns {Promise<string>}
 */
export async function convertSample(request, format, options = {}) {
  const source = await convertRequests(request, format, { complete: false, printResponse: true, ...options });
  if (typeof source !== 'string') throw new Error(`request-converter returned no ${format} code`);
  return source.trimEnd();
}

const BOOLEAN_OPTIONS = new Set(['allow_no_match', 'force']);
const CLOSE_OPTIONS = ['allow_no_match', 'force', 'timeout'];

/** @param {unknown} value */
function jsValue(value) {
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
}

/**
 * The @mlclose/client call for a close-job console request (query or body options, the client picks).
 * @param {string} request Console text.
 */
export function mlcloseClientSample(request) {
  const { rawPath, query, body = {} } = parseConsole(request);
  // A close-job path: `/_ml/anomaly_detectors/{job_id}/_close`.
  const jobId = decodeURIComponent(/** @type {string} */ (rawPath.split('/')[3]));
  const options = { ...Object.fromEntries(query), ...body };
  const unknown = Object.keys(options).filter((key) => !CLOSE_OPTIONS.includes(key));
  if (unknown.length > 0) throw new Error(`unknown close-job option(s): ${unknown.join(', ')}`);
  const fields = [
    ['job_id', jobId],
    ...CLOSE_OPTIONS.filter((key) => key in options).map((key) => {
      const value = options[key];
      // The query string carries booleans as text; the client takes them typed.
      return [key, BOOLEAN_OPTIONS.has(key) && typeof value === 'string' ? value === 'true' : value];
    }),
  ];
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

/**
 * Every language's sample for one example, in LANGUAGES order.
 * @param {import('./examples.mjs').Example} example
 * @param {{ closeJob: boolean }} options
 * @returns {Promise<Sample[]>}
 */
export async function samplesFor(example, { closeJob }) {
  const samples = [];
  for (const language of LANGUAGES) {
    if (language.closeJobOnly && !closeJob) continue;
    let source;
    if (language.id === 'console') source = example.request;
    else if (language.id === 'mlclose-client') source = mlcloseClientSample(example.request);
    else
      source = await convertSample(
        example.request,
        /** @type {string} */ (language.format),
        language.options,
      );
    samples.push({ id: language.id, lang: language.lang, label: language.label, source });
  }
  return samples;
}
