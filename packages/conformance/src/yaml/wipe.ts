// Elastic's YAML tests assume they own the cluster: its runner wipes it after every test. This runner does the
// same, and only when the caller allows it (--allow-destructive). What it wipes, in order:
//   1. every datafeed (listed by GET /_ml/datafeeds/_all/_stats): POST /_ml/datafeeds/_all/_stop?force=true, then
//      DELETE /_ml/datafeeds/{id}?force=true each
//   2. every anomaly detection job (GET /_ml/anomaly_detectors/_all/_stats): POST
//      /_ml/anomaly_detectors/_all/_close?force=true, then DELETE /_ml/anomaly_detectors/{id}?force=true each
//   3. every index whose name does not start with `.`: those GET /_cat/indices?format=json&h=index lists, and, for a
//      target without that API, those the test's own requests named (the first path segment, when it does not start
//      with `_` or `.` and holds no wildcard or comma); DELETE /{index} each
// Without the flag, a run needs a target that holds no job, datafeed or index (see checkEmpty).
import type { Exchange, HttpTarget } from '../http.js';
import { encodePathPart } from './api-spec.js';

export const WIPE_STEPS = [
  'stop and delete every ML datafeed (force)',
  'close and delete every ML anomaly detection job (force)',
  'delete every index not starting with "." (listed by GET /_cat/indices, or named by the test\'s requests)',
];

async function ids(
  http: HttpTarget,
  path: string,
  field: string,
  idField: string,
  record?: (e: Exchange) => void,
): Promise<string[]> {
  const response = await http.request({ method: 'GET', path }, record);
  if (response.status !== 200 || !response.isJson) return [];
  const list = (response.json as Record<string, unknown>)[field];
  return Array.isArray(list) ? list.map((item) => String((item as Record<string, unknown>)[idField])) : [];
}

async function indices(http: HttpTarget, record?: (e: Exchange) => void): Promise<string[] | undefined> {
  const response = await http.request(
    { method: 'GET', path: '/_cat/indices?format=json&h=index&expand_wildcards=open,closed' },
    record,
  );
  if (response.status !== 200 || !response.isJson || !Array.isArray(response.json)) return undefined;
  return (response.json as Array<{ index?: unknown }>)
    .map((row) => String(row.index))
    .filter((name) => !name.startsWith('.'));
}

/** What the target holds that a YAML run would disturb: empty when the target is empty. */
export async function targetContents(http: HttpTarget): Promise<string[]> {
  const found: string[] = [];
  const jobs = await ids(http, '/_ml/anomaly_detectors/_all/_stats?allow_no_match=true', 'jobs', 'job_id');
  if (jobs.length > 0)
    found.push(`${jobs.length} job(s) (${jobs.slice(0, 5).join(', ')}${jobs.length > 5 ? ', …' : ''})`);
  const feeds = await ids(http, '/_ml/datafeeds/_all/_stats?allow_no_match=true', 'datafeeds', 'datafeed_id');
  if (feeds.length > 0) found.push(`${feeds.length} datafeed(s)`);
  const names = (await indices(http)) ?? [];
  if (names.length > 0)
    found.push(`${names.length} index(es) (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})`);
  return found;
}

/** Index names a test's requests used: the first path segment, when it names one concrete index. */
export function indicesNamedBy(transcript: readonly Exchange[]): Set<string> {
  const names = new Set<string>();
  for (const exchange of transcript) {
    const first = new URL(exchange.request.url).pathname.split('/')[1] ?? '';
    let name: string;
    try {
      name = decodeURIComponent(first);
    } catch {
      continue;
    }
    if (name !== '' && !/^[_.]/.test(name) && !/[*,]/.test(name)) names.add(name);
  }
  return names;
}

/** Wipes the target; returns the errors (never throws for a bad status). */
export async function wipeTarget(
  http: HttpTarget,
  record?: (e: Exchange) => void,
  namedIndices: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const errors: string[] = [];
  const expect = async (method: string, path: string, ok: (status: number) => boolean) => {
    const response = await http.request({ method, path }, record);
    if (!ok(response.status))
      errors.push(`${method} ${path} answered ${response.status}: ${response.text.slice(0, 200)}`);
  };
  const feeds = await ids(
    http,
    '/_ml/datafeeds/_all/_stats?allow_no_match=true',
    'datafeeds',
    'datafeed_id',
    record,
  );
  if (feeds.length > 0) await expect('POST', '/_ml/datafeeds/_all/_stop?force=true', (s) => s === 200);
  for (const id of feeds)
    await expect(
      'DELETE',
      `/_ml/datafeeds/${encodePathPart(id).replace(/\//g, '%2F')}?force=true`,
      (s) => s === 200 || s === 404,
    );
  const jobs = await ids(
    http,
    '/_ml/anomaly_detectors/_all/_stats?allow_no_match=true',
    'jobs',
    'job_id',
    record,
  );
  if (jobs.length > 0)
    await expect('POST', '/_ml/anomaly_detectors/_all/_close?force=true', (s) => s === 200);
  for (const id of jobs)
    await expect(
      'DELETE',
      `/_ml/anomaly_detectors/${encodePathPart(id).replace(/\//g, '%2F')}?force=true`,
      (s) => s === 200 || s === 404,
    );
  const listed = await indices(http, record);
  for (const name of listed ?? namedIndices)
    await expect('DELETE', `/${encodePathPart(name).replace(/\//g, '%2F')}`, (s) => s === 200 || s === 404);
  return errors;
}
