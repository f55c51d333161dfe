// Elastic's YAML tests assume they own the cluster: its runner wipes it after every test (ESRestTestCase.wipeCluster
// with MlRestTestStateCleaner). This runner does the same, and only when the caller allows it (--allow-destructive).
// What it wipes, in order:
//   1. every datafeed (listed by GET /_ml/datafeeds/_all/_stats): POST /_ml/datafeeds/_all/_stop?force=true, then
//      DELETE /_ml/datafeeds/{id}?force=true each
//   2. every anomaly detection job (GET /_ml/anomaly_detectors/_all/_stats): POST
//      /_ml/anomaly_detectors/_all/_close?force=true, then DELETE /_ml/anomaly_detectors/{id}?force=true each
//   3. every index, hidden and `.`-prefixed ones included (wipeAllIndices deletes `*` with expand_wildcards
//      open,closed,hidden, and feature reset deletes ML's `.ml-state*` and `.ml-anomalies-*`), except `.security*`
//      (so the credentials the runner uses survive, as preserveSecurityIndicesUponCompletion keeps them) and `.ds-*`
//      data stream backing indices (wipeAllIndices leaves the history ones; this runner wipes no data streams).
//      Listed by GET /_cat/indices?format=json&h=index&expand_wildcards=all; for a target without that API by
//      GET /_cluster/health?level=indices (hidden indices included by default); for a target with neither, those
//      the test's own requests named (the first path segment, when it does not start with `_` and holds no
//      wildcard or comma). DELETE /{index} each. Elastic deletes with one `DELETE *`, which a cluster with
//      action.destructive_requires_name (the default since 8.0) refuses; one request per index works everywhere.
//   4. every persistent and transient cluster setting (wipeClusterSettings): listed by GET /_cluster/settings and
//      cleared with `{ "<top-level key>.*": null }` per scope; for a target without that API, the settings the
//      test's own PUT /_cluster/settings requests set, cleared by name. A transient setting left by one test
//      would otherwise override the persistent one a later test sets.
// Without the flag, a run needs a target that holds no job, datafeed or (visible) index (see checkEmpty).
import type { Exchange, HttpTarget } from '../http.js';
import { encodePathPart } from './api-spec.js';

export const WIPE_STEPS = [
  'stop and delete every ML datafeed (force)',
  'close and delete every ML anomaly detection job (force)',
  'delete every index, hidden and "." ones included, except .security* and .ds-* (listed by GET /_cat/indices, ' +
    "else GET /_cluster/health?level=indices, else named by the test's requests)",
  'clear every persistent and transient cluster setting (listed by GET /_cluster/settings, ' +
    "else those the test's requests set)",
];

/** What a test's own requests touched, for a target that cannot list its indices or settings. */
export interface WipeHints {
  indices?: ReadonlySet<string>;
  settings?: { persistent: ReadonlySet<string>; transient: ReadonlySet<string> };
}

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

/** Visible (not `.`-prefixed) indices, for the emptiness check; undefined when the target cannot list them. */
async function visibleIndices(http: HttpTarget): Promise<string[] | undefined> {
  const response = await http.request({
    method: 'GET',
    path: '/_cat/indices?format=json&h=index&expand_wildcards=open,closed',
  });
  if (response.status !== 200 || !response.isJson || !Array.isArray(response.json)) return undefined;
  return (response.json as Array<{ index?: unknown }>)
    .map((row) => String(row.index))
    .filter((name) => !name.startsWith('.'));
}

/** Indices the wipe leaves: the security indices and data stream backing indices. */
export function preservedIndex(name: string): boolean {
  return name.startsWith('.security') || name.startsWith('.ds-');
}

/** Every index, hidden ones included: from _cat/indices, else cluster health; undefined when neither answers. */
async function allIndices(http: HttpTarget, record?: (e: Exchange) => void): Promise<string[] | undefined> {
  const cat = await http.request(
    { method: 'GET', path: '/_cat/indices?format=json&h=index&expand_wildcards=all' },
    record,
  );
  if (cat.status === 200 && cat.isJson && Array.isArray(cat.json))
    return (cat.json as Array<{ index?: unknown }>).map((row) => String(row.index));
  const health = await http.request({ method: 'GET', path: '/_cluster/health?level=indices' }, record);
  const listed = health.isJson ? (health.json as { indices?: unknown } | undefined)?.indices : undefined;
  if ((health.status === 200 || health.status === 408) && listed !== null && typeof listed === 'object')
    return Object.keys(listed);
  return undefined;
}

/** What the target holds that a YAML run would disturb: empty when the target is empty. */
export async function targetContents(http: HttpTarget): Promise<string[]> {
  const found: string[] = [];
  const jobs = await ids(http, '/_ml/anomaly_detectors/_all/_stats?allow_no_match=true', 'jobs', 'job_id');
  if (jobs.length > 0)
    found.push(`${jobs.length} job(s) (${jobs.slice(0, 5).join(', ')}${jobs.length > 5 ? ', …' : ''})`);
  const feeds = await ids(http, '/_ml/datafeeds/_all/_stats?allow_no_match=true', 'datafeeds', 'datafeed_id');
  if (feeds.length > 0) found.push(`${feeds.length} datafeed(s)`);
  const names = (await visibleIndices(http)) ?? [];
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
    if (name !== '' && !name.startsWith('_') && !/[*,]/.test(name)) names.add(name);
  }
  return names;
}

/** Flattened setting names under one scope of a cluster update settings body (Settings.loadFromMap). */
function settingNames(value: unknown, prefix: string, out: Set<string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value))
      settingNames(item, prefix === '' ? key : `${prefix}.${key}`, out);
  } else if (prefix !== '') out.add(prefix);
}

/** The cluster settings a test's PUT /_cluster/settings requests set, per scope. */
export function settingsSetBy(transcript: readonly Exchange[]): {
  persistent: Set<string>;
  transient: Set<string>;
} {
  const out = { persistent: new Set<string>(), transient: new Set<string>() };
  for (const { request } of transcript) {
    if (request.method !== 'PUT' || new URL(request.url).pathname !== '/_cluster/settings') continue;
    let body: unknown;
    try {
      body = JSON.parse(request.body ?? '');
    } catch {
      continue;
    }
    if (body === null || typeof body !== 'object') continue;
    const scopes = body as Record<string, unknown>;
    settingNames(scopes.persistent, '', out.persistent);
    settingNames(scopes.transient, '', out.transient);
  }
  return out;
}

/** The body that clears the target's cluster settings, or undefined when there is nothing to clear. */
async function settingsReset(
  http: HttpTarget,
  hints: WipeHints['settings'],
  record?: (e: Exchange) => void,
): Promise<Record<string, Record<string, null>> | undefined> {
  const body: Record<string, Record<string, null>> = {};
  const response = await http.request({ method: 'GET', path: '/_cluster/settings' }, record);
  if (
    response.status === 200 &&
    response.isJson &&
    response.json !== null &&
    typeof response.json === 'object'
  ) {
    for (const scope of ['persistent', 'transient'] as const) {
      const current = (response.json as Record<string, unknown>)[scope];
      if (current === null || typeof current !== 'object') continue;
      const keys = Object.keys(current);
      if (keys.length > 0) body[scope] = Object.fromEntries(keys.map((key) => [`${key}.*`, null]));
    }
  } else if (hints) {
    for (const scope of ['persistent', 'transient'] as const) {
      if (hints[scope].size > 0)
        body[scope] = Object.fromEntries([...hints[scope]].map((key) => [key, null]));
    }
  }
  return Object.keys(body).length > 0 ? body : undefined;
}

/** Wipes the target; returns the errors (never throws for a bad status). */
export async function wipeTarget(
  http: HttpTarget,
  record?: (e: Exchange) => void,
  hints: WipeHints = {},
): Promise<string[]> {
  const errors: string[] = [];
  const expect = async (method: string, path: string, ok: (status: number) => boolean, body?: unknown) => {
    const json =
      body !== undefined
        ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
        : {};
    const response = await http.request({ method, path, ...json }, record);
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
  const listed = await allIndices(http, record);
  for (const name of listed ?? hints.indices ?? []) {
    if (preservedIndex(name)) continue;
    await expect('DELETE', `/${encodePathPart(name).replace(/\//g, '%2F')}`, (s) => s === 200 || s === 404);
  }
  const reset = await settingsReset(http, hints.settings, record);
  if (reset) await expect('PUT', '/_cluster/settings', (s) => s === 200, reset);
  return errors;
}
