// Removes what a run created: every datafeed and job whose id starts with the run prefix, the run's index, and
// ML upgrade mode if the run switched it on. Used before the exclusive checks, at the end of every run (success,
// failure, Ctrl-C) and by `mlclose-conformance cleanup --run-id ID`. After each check, tidyCreated deletes what the
// check's own requests created, without listing the target first. A target with the test-control capability
// `delete_by_prefix` does either in one request. It never touches anything outside the prefix.
import type { DeleteByPrefixResponse } from '@mlclose/schema';
import { validateResponse } from '@mlclose/schema/validators';
import type { HttpRequest, HttpTarget } from './http.js';
import { matchOperation, operation } from './operations.js';

export interface CleanupResult {
  jobs: number;
  datafeeds: number;
  errors: string[];
}

/** The prefix every resource of a run carries. */
export function runPrefix(runId: string): string {
  return `mlc-${runId}-`;
}

/** The index a run's datafeeds read. */
export function runIndex(runId: string): string {
  return `${runPrefix(runId)}data`;
}

export function isValidRunId(runId: string): boolean {
  return /^[a-z0-9]{1,20}$/.test(runId);
}

/** Calls `fn` for every item, at most `limit` at a time; resolves when all are done (rejects on the first error). */
export async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Throws unless `prefix` is a run prefix (`mlc-<id>-...`): nothing outside one is ever deleted. */
function assertRunPrefix(prefix: string): void {
  if (!/^mlc-[a-z0-9]+-/.test(prefix))
    throw new Error(`refusing to clean up outside a run prefix: '${prefix}'`);
}

/**
 * Deletes each of `ids` (force), at most 8 at a time, counting into `result`: a 200 counts, a 404 does not (it was
 * gone already: a check deleted it, or it went between the listing and the delete), anything else is an error.
 */
async function deleteEach(
  http: HttpTarget,
  kind: 'datafeed' | 'job',
  ids: readonly string[],
  result: CleanupResult,
): Promise<void> {
  await mapLimit(ids, 8, async (id) => {
    try {
      const deleted = await http.request(
        kind === 'datafeed'
          ? operation('ml-delete-datafeed', { datafeed_id: id }, 'force=true')
          : operation('ml-delete-job', { job_id: id }, 'force=true'),
      );
      if (deleted.status === 404) return;
      if (deleted.status !== 200) throw new Error(`answered ${deleted.status}`);
      if (kind === 'datafeed') result.datafeeds++;
      else result.jobs++;
    } catch (error) {
      result.errors.push(http.redact(`delete ${kind} ${id}: ${message(error)}`));
    }
  });
}

/** How a clean-up may delete. */
export interface CleanupOptions {
  /**
   * The target offers the test-control capability `delete_by_prefix`: everything under a prefix goes in one request,
   * instead of a listing and a delete per datafeed and job. If that request fails, the clean-up deletes one by one.
   */
  byPrefix?: boolean;
}

/**
 * Deletes everything under `prefix` with one test-control request. Answers the counts, or why the target did not do it
 * (the caller then deletes one by one).
 */
async function deleteByPrefix(
  http: HttpTarget,
  prefix: string,
): Promise<{ result: CleanupResult } | { error: string }> {
  try {
    const response = await http.request({
      ...operation('test-control-delete-by-prefix'),
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prefix }),
    });
    // The spec's answer, checked with the spec's own validator: anything else is a failure, not a count.
    if (
      response.status !== 200 ||
      !validateResponse('test-control-delete-by-prefix', 200, response.json).valid
    )
      throw new Error(`answered ${response.status}`);
    const body = response.json as DeleteByPrefixResponse;
    return { result: { jobs: body.jobs.length, datafeeds: body.datafeeds.length, errors: [] } };
  } catch (error) {
    return { error: http.redact(`delete by prefix ${prefix}: ${message(error)}`) };
  }
}

/** Deletes every datafeed and job whose id starts with `prefix` (which must be a run prefix, `mlc-<id>-...`). */
export async function cleanupPrefix(
  http: HttpTarget,
  prefix: string,
  options: CleanupOptions = {},
): Promise<CleanupResult> {
  assertRunPrefix(prefix);
  let fallback: string | undefined;
  if (options.byPrefix) {
    const bulk = await deleteByPrefix(http, prefix);
    if ('result' in bulk) return bulk.result;
    fallback = bulk.error;
  }
  const result: CleanupResult = { jobs: 0, datafeeds: 0, errors: [] };
  const sweep = async (kind: 'datafeed' | 'job'): Promise<void> => {
    try {
      const response = await http.request(
        operation(
          kind === 'datafeed' ? 'ml-get-datafeed-stats' : 'ml-get-job-stats',
          kind === 'datafeed' ? { datafeed_id: `${prefix}*` } : { job_id: `${prefix}*` },
          'allow_no_match=true',
        ),
      );
      if (response.status !== 200) throw new Error(`${kind} stats answered ${response.status}`);
      const body = response.json as {
        datafeeds?: Array<{ datafeed_id: string }>;
        jobs?: Array<{ job_id: string }>;
      };
      const ids = (
        kind === 'datafeed'
          ? (body.datafeeds ?? []).map((d) => d.datafeed_id)
          : (body.jobs ?? []).map((j) => j.job_id)
      ).filter((id) => id.startsWith(prefix));
      await deleteEach(http, kind, ids, result);
    } catch (error) {
      result.errors.push(http.redact(`list ${kind}s: ${message(error)}`));
    }
  };
  // Datafeeds first: a job with a datafeed cannot be deleted.
  await sweep('datafeed');
  await sweep('job');
  // The failed bulk request is an error only if deleting one by one failed as well.
  if (fallback !== undefined && result.errors.length > 0) result.errors.unshift(fallback);
  return result;
}

export async function cleanupRun(
  http: HttpTarget,
  runId: string,
  options: CleanupOptions & { upgradeModeOn?: boolean; testControl?: boolean } = {},
): Promise<CleanupResult> {
  if (!isValidRunId(runId)) throw new Error(`invalid run id '${runId}': lowercase letters and digits only`);
  const result: CleanupResult = { jobs: 0, datafeeds: 0, errors: [] };
  if (options.upgradeModeOn && options.testControl) {
    try {
      await http.request({
        ...operation('test-control-upgrade-mode'),
        headers: { 'Content-Type': 'application/json' },
        body: '{"enabled":false}',
      });
    } catch (error) {
      result.errors.push(http.redact(`switch upgrade mode off: ${message(error)}`));
    }
  }
  const swept = await cleanupPrefix(http, runPrefix(runId), options);
  result.jobs += swept.jobs;
  result.datafeeds += swept.datafeeds;
  result.errors.push(...swept.errors);
  try {
    const deleted = await http.request(operation('indices-delete', { index: runIndex(runId) }));
    if (deleted.status !== 200 && deleted.status !== 404)
      result.errors.push(http.redact(`delete index: answered ${deleted.status}`));
  } catch (error) {
    result.errors.push(http.redact(`delete index: ${message(error)}`));
  }
  return result;
}

/**
 * The jobs and datafeeds one check's requests may have created: every create (PUT of a job or a datafeed) that answered
 * 2xx or got no answer at all. A check's resources can only come from its own requests, so the tidy-up after the check
 * deletes these directly instead of listing the target (two listings per check were a sixth of a run's requests).
 */
export class CreatedResources {
  readonly jobs = new Set<string>();
  readonly datafeeds = new Set<string>();
  /** A create whose id could not be decoded: the tidy-up lists the prefix instead. */
  unreadable = false;

  /** Records one request: its status, or undefined when it got no answer. */
  record(request: Pick<HttpRequest, 'method' | 'path'>, status: number | undefined): void {
    if (status !== undefined && (status < 200 || status > 299)) return;
    try {
      const job = matchOperation('ml-put-job', request);
      if (job?.job_id !== undefined) this.jobs.add(job.job_id);
      const datafeed = matchOperation('ml-put-datafeed', request);
      if (datafeed?.datafeed_id !== undefined) this.datafeeds.add(datafeed.datafeed_id);
    } catch {
      this.unreadable = true;
    }
  }
}

/**
 * Deletes what a check created (`created`), datafeeds first, only ids under `prefix` (the check's prefix). A resource
 * that is already gone (the check deleted it) is not counted. Lists the prefix like cleanupPrefix when a create could
 * not be read.
 */
export async function tidyCreated(
  http: HttpTarget,
  prefix: string,
  created: CreatedResources,
  options: CleanupOptions = {},
): Promise<CleanupResult> {
  assertRunPrefix(prefix);
  const own = (ids: ReadonlySet<string>) => [...ids].filter((id) => id.startsWith(prefix));
  const result: CleanupResult = { jobs: 0, datafeeds: 0, errors: [] };
  // Nothing created, nothing to send: most checks that create nothing cost no request here.
  if (!created.unreadable && own(created.jobs).length === 0 && own(created.datafeeds).length === 0)
    return result;
  // The prefix is the check's own: everything under it came from the check's requests.
  if (created.unreadable || options.byPrefix) return cleanupPrefix(http, prefix, options);
  // Datafeeds first: a job with a datafeed cannot be deleted.
  await deleteEach(http, 'datafeed', own(created.datafeeds), result);
  await deleteEach(http, 'job', own(created.jobs), result);
  return result;
}
