// The catalogue of deliberately broken servers. Each variant is the faithful reference server behind a proxy
// (./proxy.ts) that makes it commit exactly ONE realistic mistake, named after the requirement it breaks
// (the spec's CJ-… ids). The suite must fail every one of them, and must
// attribute the failure to at least one of `expectedRequirements` (./variants.test.ts).
import type { RequirementId } from '@mlclose/schema';
import type { Credentials } from '../../src/index.js';
import type { Proxy as TamperProxy, ProxyRequest, ProxyResponse } from './proxy.js';
import {
  asClose,
  closedResponse,
  detailedError,
  jsonObject,
  notFoundTokens,
  reasonOf,
  replaceReason,
  rewriteJson,
  Target,
  tokens,
  withExpression,
  withTarget,
  type CloseRequest,
} from './rewrite.js';

export interface Variant {
  /** Stable, kebab-case. */
  readonly name: string;
  /** The mistake, in one sentence, as a server author would make it. */
  readonly mistake: string;
  /** The requirements a faithful suite must name when it catches the mistake (at least one of them). */
  readonly expectedRequirements: readonly RequirementId[];
  /** Options for the faithful upstream (security variants need credentials on it). */
  readonly server?: {
    apiKeys?: { key: string; role?: string }[];
    users?: { name: string; password: string; role?: string }[];
  };
  /** Credentials the suite must be given for this variant's checks to run. */
  readonly credentials?: Credentials;
  readonly viewerCredentials?: Credentials;
  /**
   * Set when the suite catches the variant but does not (yet) name an expected requirement: why not. The test then
   * asserts the catch on a full run and records the attribution gap as an expected failure (`it.fails`), which
   * turns red once the suite names the requirement, so that this marker gets removed.
   */
  readonly knownGap?: string;
  /**
   * Set when the suite does not catch the variant at all (no check exercises the behaviour): what is missing. The
   * test records it as an expected failure (`it.fails`) on a run restricted to the expected requirements, which
   * turns red once a check catches it, so that this marker gets removed.
   */
  readonly knownMiss?: string;
  /** Installs the mistake on the proxy. */
  install(proxy: TamperProxy): void;
}

// ---- small helpers shared by the variants ---------------------------------------------------------------------

/** Runs `edit` on close requests only (POST on the close route); other requests pass through untouched. */
function onCloseRequest(
  proxy: TamperProxy,
  edit: (
    request: ProxyRequest,
    close: CloseRequest,
  ) => ProxyRequest | ProxyResponse | Promise<ProxyRequest | ProxyResponse>,
): void {
  proxy.use(async (request, next) => {
    const close = asClose(request);
    if (!close) return next(request);
    const edited = await edit(request, close);
    return 'status' in edited ? edited : next(edited);
  });
}

/** Runs `edit` on the upstream's answer to close requests (any method on the close route when `anyMethod`). */
function onCloseResponse(
  proxy: TamperProxy,
  edit: (
    response: ProxyResponse,
    request: ProxyRequest,
    close: CloseRequest,
    next: (r: ProxyRequest) => Promise<ProxyResponse>,
  ) => ProxyResponse | Promise<ProxyResponse>,
  anyMethod = false,
): void {
  proxy.use(async (request, next) => {
    const response = await next(request);
    const close = asClose(request, anyMethod ? null : 'POST');
    return close ? edit(response, request, close, next) : response;
  });
}

/** Runs `edit` on every response. */
function onResponse(
  proxy: TamperProxy,
  edit: (response: ProxyResponse, request: ProxyRequest) => ProxyResponse,
): void {
  proxy.use(async (request, next) => edit(await next(request), request));
}

/** The body as a JSON object when the request is in body mode, else undefined. */
function bodyObject(request: ProxyRequest, close: CloseRequest): Record<string, unknown> | undefined {
  return close.bodyMode ? jsonObject(request.body) : undefined;
}

function withBody(request: ProxyRequest, body: Record<string, unknown>): ProxyRequest {
  return { ...request, body: JSON.stringify(body) };
}

/** Whether the request says allow_no_match=false (query or body, CJ-MATCH-002, CJ-BODY-008). */
function allowNoMatchFalse(request: ProxyRequest, close: CloseRequest): boolean {
  const body = bodyObject(request, close);
  if (body)
    return (
      body.allow_no_match === false ||
      (typeof body.allow_no_match === 'string' && ['false', ''].includes(body.allow_no_match.trim()))
    );
  return close.target.get('allow_no_match') === 'false';
}

/** The same close with force=true, in the request's own mode. */
function forced(request: ProxyRequest, close: CloseRequest): ProxyRequest {
  const body = bodyObject(request, close);
  if (body) return withBody(request, { ...body, force: true });
  return withTarget(request, new Target(request.path).set('force', 'true'));
}

/** Rewrites one query-mode boolean parameter's value. */
function rewriteQueryBooleans(
  proxy: TamperProxy,
  rewrite: (value: string) => string | null | undefined,
): void {
  onCloseRequest(proxy, (request, close) => {
    if (close.bodyMode) return request;
    const target = new Target(request.path);
    for (const name of ['force', 'allow_no_match']) {
      const value = target.get(name);
      if (value === undefined) continue;
      const replaced = rewrite(value);
      if (replaced !== undefined) target.set(name, replaced);
    }
    return withTarget(request, target);
  });
}

/** Rewrites the query-mode timeout value. */
function rewriteQueryTimeout(proxy: TamperProxy, rewrite: (value: string) => string | undefined): void {
  onCloseRequest(proxy, (request, close) => {
    const value = close.target.get('timeout');
    if (close.bodyMode || value === undefined) return request;
    const replaced = rewrite(value);
    return replaced === undefined
      ? request
      : withTarget(request, new Target(request.path).set('timeout', replaced));
  });
}

function withStatus(response: ProxyResponse, status: number): ProxyResponse {
  return rewriteJson({ ...response, status }, (body) => {
    if ('status' in body) body.status = status;
  });
}

function withoutHeader(response: ProxyResponse, name: string): ProxyResponse {
  const headers = { ...response.headers };
  delete headers[name];
  return { ...response, headers };
}

const BOOLEAN_LIKE = /^(?:true|false|yes|no|on|off|1|0)$/i;
const KNOWN_QUERY = new Set([
  'allow_no_match',
  'force',
  'timeout',
  'pretty',
  'human',
  'error_trace',
  'filter_path',
  'format',
  'source',
]);
const KNOWN_BODY = new Set(['job_id', 'allow_no_match', 'force', 'timeout']);
const UNIT_MS: Record<string, number> = {
  nanos: 1e-6,
  micros: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const NO_GROUP = '~nogroup';
/** An expression token that can never match (`~` is not allowed in ids): probes the upstream without side effects. */
const PROBE = '~probe';

/** A detailed error response, rendered like the upstream renders one. */
function detailedResponse(status: number, type: string, reason: string): ProxyResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' },
    body: JSON.stringify({ error: { root_cause: [{ type, reason }], type, reason }, status }),
  };
}

/** Sends the same close for a never-matching probe id and maps the probe back to the expression in the answer. */
async function probe(
  request: ProxyRequest,
  close: CloseRequest,
  next: (r: ProxyRequest) => Promise<ProxyResponse>,
): Promise<ProxyResponse> {
  const response = await next(withExpression(request, close, PROBE));
  const reason = reasonOf(response);
  return reason?.includes(PROBE)
    ? replaceReason(response, reason, reason.replaceAll(PROBE, close.expression))
    : response;
}

// An API key and users for the security variants (nothing secret: they exist only on a throw-away upstream).
const API_KEY = Buffer.from('mlclose-variant:variant-secret').toString('base64');
const SECURED: Pick<Variant, 'server' | 'credentials' | 'viewerCredentials'> = {
  server: {
    apiKeys: [{ key: API_KEY }],
    users: [{ name: 'viewer', password: 'viewer-password', role: 'viewer' }],
  },
  credentials: { apiKey: API_KEY },
  viewerCredentials: { username: 'viewer', password: 'viewer-password' },
};

// ---- the catalogue ---------------------------------------------------------------------------------------------

export const VARIANTS: readonly Variant[] = [
  // Expansion and required-match rules (CJ-EXPAND-*, CJ-MATCH-*)
  {
    name: 'explicit-id-optional',
    mistake:
      'An explicit id that matches nothing is treated like a wildcard: with allow_no_match=true it is skipped (200) instead of 404.',
    expectedRequirements: ['CJ-MATCH-001'],
    install(proxy) {
      onCloseResponse(proxy, async (response, request, close, next) => {
        const missing = notFoundTokens(response);
        if (!missing || allowNoMatchFalse(request, close)) return response;
        const rest = tokens(close.expression).filter((token) => !missing.includes(token));
        return rest.length === 0
          ? closedResponse(response)
          : next(withExpression(request, close, rest.join(',')));
      });
    },
  },
  {
    name: 'partial-close-on-404',
    mistake:
      'Close is not all-or-nothing: the jobs that did match are closed before the 404 for the missing ones.',
    expectedRequirements: ['CJ-MATCH-005'],
    install(proxy) {
      onCloseResponse(proxy, async (response, request, close, next) => {
        const missing = notFoundTokens(response);
        const rest = missing ? tokens(close.expression).filter((token) => !missing.includes(token)) : [];
        if (rest.length > 0) await next(withExpression(request, close, rest.join(',')));
        return response;
      });
    },
  },
  {
    name: 'strict-wildcard-no-match-200',
    mistake:
      'allow_no_match=false is ignored for wildcards and "all": a wildcard that matches nothing answers 200.',
    expectedRequirements: ['CJ-MATCH-002', 'CJ-MATCH-003'],
    install(proxy) {
      onCloseResponse(proxy, (response) => {
        const missing = notFoundTokens(response);
        return missing?.every((token) => token.includes('*')) ? closedResponse(response) : response;
      });
    },
  },
  {
    name: 'not-found-ids-joined-with-space',
    mistake: 'The 404 joins the unmatched tokens with ", " instead of ",".',
    expectedRequirements: ['CJ-MATCH-004'],
    install(proxy) {
      onCloseResponse(proxy, (response) => {
        const missing = notFoundTokens(response);
        return missing && missing.length > 1
          ? replaceReason(response, reasonOf(response)!, `No known job with id '${missing.join(', ')}'`)
          : response;
      });
    },
  },
  {
    name: 'not-found-ids-sorted',
    mistake: 'The 404 lists the unmatched tokens sorted by name instead of in request order.',
    expectedRequirements: ['CJ-MATCH-004', 'CJ-MATCH-001'],
    install(proxy) {
      onCloseResponse(proxy, (response) => {
        const missing = notFoundTokens(response);
        const sorted = missing ? [...missing].sort() : [];
        return missing && sorted.join(',') !== missing.join(',')
          ? replaceReason(response, reasonOf(response)!, `No known job with id '${sorted.join(',')}'`)
          : response;
      });
    },
  },
  {
    name: 'all-literal-means-all',
    mistake:
      '_all anywhere in the expression means every job: `_all,foo` closes everything instead of 404 for the literal `_all`.',
    expectedRequirements: ['CJ-EXPAND-006'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const list = tokens(close.expression);
        return list.length > 1 && list.includes('_all') ? withExpression(request, close, '_all') : request;
      });
    },
  },
  {
    name: 'case-insensitive-ids',
    mistake:
      'Ids are matched case-insensitively (the expression is lower-cased first), so `Foo-1` closes `foo-1`.',
    expectedRequirements: ['CJ-EXPAND-005'],
    install(proxy) {
      onCloseResponse(proxy, async (response, request, close, next) => {
        // Retry lower-cased only after the faithful 404 (nothing was closed then, CJ-MATCH-005), keeping its message.
        const lower = close.expression.toLowerCase();
        if (response.status !== 404 || lower === close.expression) return response;
        const retried = await next(withExpression(request, close, lower));
        return retried.status === 200 ? retried : response;
      });
    },
  },
  {
    name: 'groups-not-expanded',
    mistake:
      'Exact tokens are matched against job ids only: a group name is "not found" instead of closing its members.',
    expectedRequirements: ['CJ-EXPAND-003', 'CJ-MATCH-006'],
    install(proxy) {
      onCloseRequest(proxy, async (request, close) => {
        const listing = await proxy.upstream({
          method: 'GET',
          path: '/_ml/anomaly_detectors/_all?allow_no_match=true',
        });
        const jobs = (jsonObject(listing.body)?.jobs ?? []) as Array<{ job_id: string; groups?: string[] }>;
        const ids = new Set(jobs.map((job) => job.job_id));
        const groups = new Set(jobs.flatMap((job) => job.groups ?? []));
        const list = tokens(close.expression);
        if (!list.some((token) => groups.has(token) && !ids.has(token))) return request;
        // A token that can never match (`~` is not allowed in ids), renamed back in the 404 below.
        const renamed = list.map((token) =>
          groups.has(token) && !ids.has(token) ? `${token}${NO_GROUP}` : token,
        );
        return withExpression(request, close, renamed.join(','));
      });
      onCloseResponse(proxy, (response) => {
        const reason = reasonOf(response);
        return reason?.includes(NO_GROUP)
          ? replaceReason(response, reason, reason.replaceAll(NO_GROUP, ''))
          : response;
      });
    },
  },

  {
    name: 'question-mark-is-a-wildcard',
    mistake:
      'Ids are matched as shell globs: `?` in a token matches one character, so `foo?1` closes `foo-1`.',
    expectedRequirements: ['CJ-EXPAND-007'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const list = tokens(close.expression);
        // Approximated with `*` (the upstream has no one-character wildcard): the same jobs for these checks.
        const globbed = list.map((token) =>
          token.includes('?') && !token.includes('*') ? token.replaceAll('?', '*') : token,
        );
        return globbed.join(',') === list.join(',')
          ? request
          : withExpression(request, close, globbed.join(','));
      });
    },
  },
  {
    name: 'blank-expression-is-an-id',
    mistake:
      'Only an empty path, `_all` and `*` mean every job: a blank (%20) or `,` expression is looked up as an id (404).',
    expectedRequirements: ['CJ-EXPAND-009', 'CJ-EXPAND-004'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) =>
        close.expression.length > 0 && tokens(close.expression).length === 0
          ? detailedResponse(
              404,
              'resource_not_found_exception',
              `No known job with id '${close.expression}'`,
            )
          : request,
      );
    },
  },

  // States, force and datafeeds (CJ-STATE-*, CJ-FORCE-*, CJ-DATAFEED-*)
  {
    name: 'failed-job-closed-without-force',
    mistake: 'A failed job is closed by a normal close instead of 409 "use force close".',
    expectedRequirements: ['CJ-STATE-004', 'CJ-STATE-005', 'CJ-STATE-006'],
    install(proxy) {
      onCloseResponse(proxy, (response, request, close, next) =>
        response.status === 409 && /use force close$/.test(reasonOf(response) ?? '')
          ? next(forced(request, close))
          : response,
      );
    },
  },
  {
    name: 'failed-409-always-plural',
    mistake:
      'The failed-job 409 always uses the several-jobs text, even when the expression expanded to one job.',
    expectedRequirements: ['CJ-STATE-004'],
    install(proxy) {
      onCloseResponse(proxy, (response) => {
        const reason = reasonOf(response);
        return response.status === 409 &&
          reason &&
          /^cannot close job \[.*\] because it failed, use force close$/.test(reason)
          ? replaceReason(response, reason, 'one or more jobs have state failed, use force close')
          : response;
      });
    },
  },
  {
    name: 'force-ignored',
    mistake: 'force is parsed but never applied: every close is a normal close.',
    expectedRequirements: ['CJ-FORCE-001', 'CJ-FORCE-002', 'CJ-FORCE-003', 'CJ-FORCE-004'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const body = bodyObject(request, close);
        if (body)
          return body.force === true || body.force === 'true'
            ? withBody(request, { ...body, force: false })
            : request;
        const force = close.target.get('force');
        return force === 'true' || force === ''
          ? withTarget(request, new Target(request.path).set('force', 'false'))
          : request;
      });
    },
  },
  {
    name: 'closed-false-when-nothing-to-close',
    mistake:
      'The answer says whether anything was closed: {"closed":false} when every matched job was already closed.',
    expectedRequirements: ['CJ-STATE-003', 'CJ-RESP-001'],
    install(proxy) {
      onCloseRequest(proxy, async (request, close) => {
        const stats = await proxy.upstream({
          method: 'GET',
          path: `/_ml/anomaly_detectors/${close.segment}/_stats?allow_no_match=true`,
        });
        const jobs = (jsonObject(stats.body)?.jobs ?? undefined) as Array<{ state: string }> | undefined;
        const response = await proxy.upstream(request);
        return stats.status === 200 &&
          jobs &&
          jobs.every((job) => job.state === 'closed') &&
          response.status === 200
          ? closedResponse(response, { closed: false })
          : response;
      });
    },
  },
  {
    name: 'answers-before-closed',
    mistake:
      'A normal close answers 200 as soon as the close has started, without waiting for the job to be closed.',
    expectedRequirements: ['CJ-STATE-002', 'CJ-DUR-007', 'CJ-TIMEOUT-002'],
    install(proxy) {
      onCloseRequest(proxy, async (request) => {
        const pending = proxy.upstream(request);
        pending.catch(() => undefined);
        // Errors that come before the wait (400, 404, 409) are answered at once by the upstream; anything slower is
        // the wait for the close, which this server does not do.
        const early = await Promise.race([
          pending,
          new Promise<undefined>((resolve) => setTimeout(resolve, 150, undefined)),
        ]);
        return (
          early ?? {
            status: 200,
            headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' },
            body: '{"closed":true}',
          }
        );
      });
    },
  },
  {
    name: 'datafeed-left-running',
    mistake:
      'Closing a job does not stop its started datafeed: datafeed stats still say `started` afterwards.',
    expectedRequirements: ['CJ-DATAFEED-001', 'CJ-DATAFEED-002'],
    install(proxy) {
      // Datafeeds started through the API and not explicitly stopped or deleted keep reporting `started`.
      const started = new Set<string>();
      proxy.use(async (request, next) => {
        const response = await next(request);
        const path = new Target(request.path).path;
        const match = /^\/_ml\/datafeeds\/([^/]+)(\/_start|\/_stop|\/_stats)?$/.exec(path);
        if (!match || response.status !== 200) return response;
        const id = decodeURIComponent(match[1]!);
        if (match[2] === '/_start' && request.method === 'POST') started.add(id);
        else if (
          (match[2] === '/_stop' && request.method === 'POST') ||
          (match[2] === undefined && request.method === 'DELETE')
        )
          started.delete(id);
        else if (match[2] === '/_stats') {
          return rewriteJson(response, (body) => {
            for (const datafeed of (body.datafeeds as
              | Array<{ datafeed_id: string; state: string }>
              | undefined) ?? []) {
              if (started.has(datafeed.datafeed_id)) datafeed.state = 'started';
            }
          });
        }
        return response;
      });
    },
  },
  {
    name: 'datafeed-error-not-wrapped',
    mistake:
      'When a datafeed cannot be stopped, the inner 409 is returned as is, without the "failed to close jobs ..." wrapper.',
    expectedRequirements: ['CJ-DATAFEED-003'],
    install(proxy) {
      onCloseResponse(proxy, (response) => {
        const error = detailedError(response);
        if (
          response.status !== 409 ||
          !String(error?.reason).startsWith('failed to close jobs') ||
          !error?.caused_by
        )
          return response;
        return rewriteJson(response, (body) => ({
          error: { root_cause: error.root_cause, ...(error.caused_by as object) },
          status: body.status,
        }));
      });
    },
  },
  {
    name: 'upgrade-mode-ignored',
    mistake: 'Close does not check ML upgrade mode: it closes jobs while upgrade mode is on.',
    expectedRequirements: ['CJ-UPG-001'],
    install(proxy) {
      onCloseResponse(proxy, async (response, request, _close, next) => {
        if (response.status !== 429) return response;
        const json = { headers: { 'content-type': 'application/json' } };
        await proxy.upstream({
          method: 'PUT',
          path: '/_mlclose/test/upgrade_mode',
          ...json,
          body: '{"enabled":false}',
        });
        try {
          return await next(request);
        } finally {
          await proxy.upstream({
            method: 'PUT',
            path: '/_mlclose/test/upgrade_mode',
            ...json,
            body: '{"enabled":true}',
          });
        }
      });
    },
  },

  {
    name: 'failed-process-close-leaves-job-closed',
    mistake:
      'When the node fails to close the process, the job is cleaned up (closed) instead of being left failed.',
    expectedRequirements: ['CJ-STATE-009'],
    install(proxy) {
      onCloseResponse(proxy, async (response, _request, close) => {
        if (response.status !== 500 || reasonOf(response) !== 'Exception closing autodetect process')
          return response;
        await proxy.upstream({
          method: 'POST',
          path: `/_ml/anomaly_detectors/${close.segment}/_close?force=true`,
        });
        return response;
      });
    },
  },
  {
    name: 'job-stats-keep-node-after-close',
    mistake: 'Job stats keep reporting the last node and open_time after the job is closed.',
    expectedRequirements: ['CJ-STATE-010'],
    install(proxy) {
      const lastNode = new Map<string, { node: unknown; open_time: unknown }>();
      proxy.use(async (request, next) => {
        const response = await next(request);
        if (
          request.method !== 'GET' ||
          !/^\/_ml\/anomaly_detectors\/[^/]*\/_stats$/.test(new Target(request.path).path) ||
          response.status !== 200
        )
          return response;
        return rewriteJson(response, (body) => {
          for (const job of (body.jobs as Array<Record<string, unknown>> | undefined) ?? []) {
            const id = String(job.job_id);
            if ('node' in job) lastNode.set(id, { node: job.node, open_time: job.open_time });
            else if (job.state === 'closed' && lastNode.has(id)) Object.assign(job, lastNode.get(id));
          }
        });
      });
    },
  },

  // Timeout (CJ-TIMEOUT-*)
  {
    name: 'timeout-ignored',
    mistake: 'The timeout parameter is validated but the wait always uses the 30m default.',
    expectedRequirements: ['CJ-TIMEOUT-001'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const body = bodyObject(request, close);
        if (body && typeof body.timeout === 'string') return withBody(request, { ...body, timeout: '30m' });
        return !close.bodyMode && close.target.get('timeout') !== undefined
          ? withTarget(request, new Target(request.path).set('timeout', '30m'))
          : request;
      });
    },
  },
  {
    name: 'timeout-as-504',
    mistake: 'A close that times out answers 504 Gateway Timeout instead of 500 illegal_state_exception.',
    expectedRequirements: ['CJ-TIMEOUT-002'],
    install(proxy) {
      onCloseResponse(proxy, (response) =>
        response.status === 500 && /^Timed out when waiting/.test(reasonOf(response) ?? '')
          ? withStatus(response, 504)
          : response,
      );
    },
  },
  {
    name: 'timeout-printed-as-sent',
    mistake:
      'The timed-out message repeats the timeout as it was sent (1500ms) instead of its short form (1.5s).',
    expectedRequirements: ['CJ-TIMEOUT-004'],
    install(proxy) {
      onCloseResponse(proxy, (response, _request, close) => {
        const reason = reasonOf(response);
        const sent = close.target.get('timeout');
        return response.status === 500 &&
          sent !== undefined &&
          reason?.startsWith('Timed out when waiting for persistent tasks after ')
          ? replaceReason(response, reason, `Timed out when waiting for persistent tasks after ${sent}`)
          : response;
      });
    },
  },

  // Query mode, body mode and parameters (CJ-MODE-*, CJ-PARAM-*)
  {
    name: 'body-and-query-merged',
    mistake:
      'A body and query options are merged (query wins) instead of rejecting the query options with 400.',
    expectedRequirements: ['CJ-MODE-002', 'CJ-MODE-003'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const body = bodyObject(request, close);
        const options = ['allow_no_match', 'force', 'timeout'].filter((name) => close.target.has(name));
        if (!body || options.length === 0) return request;
        const target = new Target(request.path);
        for (const name of options) {
          body[name] = target.get(name);
          target.delete(name);
        }
        return withBody(withTarget(request, target), body);
      });
    },
  },
  {
    name: 'body-booleans-ignored',
    mistake: 'Body force and allow_no_match are validated but not applied: the defaults are used.',
    expectedRequirements: ['CJ-BODY-008'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const body = bodyObject(request, close);
        if (!body) return request;
        const valid = (value: unknown) =>
          typeof value === 'boolean' ||
          (typeof value === 'string' && ['true', 'false', ''].includes(value.trim()));
        for (const name of ['force', 'allow_no_match'])
          if (name in body && valid(body[name])) delete body[name];
        return withBody(request, body);
      });
    },
  },
  {
    name: 'unknown-body-field-ignored',
    mistake: 'Unknown body fields are silently dropped instead of 400 "unknown field".',
    expectedRequirements: ['CJ-BODY-002'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const body = bodyObject(request, close);
        if (!body || Object.keys(body).every((key) => KNOWN_BODY.has(key))) return request;
        return withBody(
          request,
          Object.fromEntries(Object.entries(body).filter(([key]) => KNOWN_BODY.has(key))),
        );
      });
    },
  },
  {
    name: 'whitespace-body-is-no-body',
    mistake: 'The body is trimmed before the mode is chosen, so a whitespace-only body counts as no body.',
    expectedRequirements: ['CJ-MODE-007'],
    install(proxy) {
      onCloseRequest(proxy, (request) =>
        request.body.length > 0 && request.body.trim() === '' ? { ...request, body: '' } : request,
      );
    },
  },
  {
    name: 'source-parameter-honoured',
    mistake:
      '?source= is read as the body (as other Elasticsearch APIs do) instead of 400 "request body is required".',
    expectedRequirements: ['CJ-MODE-005'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const source = close.target.get('source');
        if (close.bodyMode || source === undefined) return request;
        return {
          ...request,
          path: new Target(request.path).delete('source').toString(),
          headers: { ...request.headers, 'content-type': 'application/json' },
          body: source,
        };
      });
    },
  },
  {
    name: 'unknown-query-parameters-accepted',
    mistake: 'Unknown query parameters are ignored instead of 400 "contains unrecognized parameter".',
    expectedRequirements: ['CJ-PARAM-001'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const target = new Target(request.path);
        target.params = target.params.filter((param) => KNOWN_QUERY.has(param.name));
        return target.params.length === close.target.params.length ? request : withTarget(request, target);
      });
    },
  },
  {
    name: 'parameter-names-case-insensitive',
    mistake: 'Query parameter names are lower-cased before lookup, so `Force` is read as `force`.',
    expectedRequirements: ['CJ-PARAM-002'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const target = new Target(request.path);
        for (const param of close.target.params) {
          const lower = param.name.toLowerCase();
          if (lower !== param.name && KNOWN_QUERY.has(lower)) target.rename(param.name, lower);
        }
        return withTarget(request, target);
      });
    },
  },
  {
    name: 'no-did-you-mean',
    mistake: 'The unrecognized-parameter 400 never adds the " -> did you mean [...]?" suggestion.',
    expectedRequirements: ['CJ-PARAM-003'],
    install(proxy) {
      onCloseResponse(proxy, (response) => {
        const reason = reasonOf(response);
        return reason?.includes(' -> did you mean')
          ? replaceReason(response, reason, reason.replace(/ -> did you mean (?:any of )?\[[^\]]*\]\?/g, ''))
          : response;
      });
    },
  },
  {
    name: 'allow-no-jobs-accepted',
    mistake:
      'The 7.x name allow_no_jobs is still accepted as an alias of allow_no_match on the default API version.',
    expectedRequirements: ['CJ-PARAM-005'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) =>
        close.target.has('allow_no_jobs') && !close.target.has('allow_no_match')
          ? withTarget(request, new Target(request.path).rename('allow_no_jobs', 'allow_no_match'))
          : request,
      );
    },
  },

  {
    name: 'side-effects-before-parameter-check',
    mistake:
      'The unrecognized-parameter check runs after the action: the job is closed, then the 400 is answered.',
    expectedRequirements: ['CJ-PARAM-007'],
    install(proxy) {
      onCloseResponse(proxy, async (response, _request, close) => {
        if (response.status !== 400 || !reasonOf(response)?.includes('contains unrecognized parameter'))
          return response;
        await proxy.upstream({
          method: 'POST',
          path: `/_ml/anomaly_detectors/${close.segment}/_close?force=true`,
        });
        return response;
      });
    },
  },
  {
    name: 'booleans-parsed-before-timeout',
    mistake:
      'Query options are parsed in the order force, allow_no_match, timeout: with several bad values, the wrong one is reported.',
    expectedRequirements: ['CJ-PARAM-008'],
    install(proxy) {
      onCloseResponse(proxy, async (response, request, close, next) => {
        const reason = reasonOf(response) ?? '';
        if (
          close.bodyMode ||
          response.status !== 400 ||
          !close.target.has('timeout') ||
          !/\[timeout\]|^failed to parse \[/.test(reason)
        )
          return response;
        // Would a boolean have failed first? Ask the upstream without the timeout, for a probe id (no side effects).
        const withoutTimeout = withTarget(request, new Target(request.path).delete('timeout'));
        const booleans = await probe(withoutTimeout, close, next);
        return booleans.status === 400 && reasonOf(booleans)?.startsWith('Failed to parse value')
          ? booleans
          : response;
      });
    },
  },

  // Booleans (CJ-BOOL-*)
  {
    name: 'lenient-booleans',
    mistake:
      'Query booleans are parsed leniently: TRUE, True, 1, yes and on are true; FALSE, 0, no and off are false.',
    expectedRequirements: ['CJ-BOOL-002'],
    install(proxy) {
      rewriteQueryBooleans(proxy, (value) =>
        BOOLEAN_LIKE.test(value) ? String(/^(?:true|yes|on|1)$/i.test(value)) : undefined,
      );
    },
  },
  {
    name: 'empty-boolean-is-false',
    mistake: 'An empty query boolean (?force or ?force=) means false instead of true.',
    expectedRequirements: ['CJ-BOOL-003'],
    install(proxy) {
      rewriteQueryBooleans(proxy, (value) => (value === '' ? 'false' : undefined));
    },
  },
  {
    name: 'whitespace-boolean-is-true',
    mistake:
      'Query booleans are trimmed first, so a whitespace-only value is empty and means true instead of the default.',
    expectedRequirements: ['CJ-BOOL-004'],
    install(proxy) {
      rewriteQueryBooleans(proxy, (value) => (value.length > 0 && value.trim() === '' ? 'true' : undefined));
    },
  },

  // Durations (CJ-DUR-*)
  {
    name: 'months-read-as-minutes',
    mistake: 'The unit is lower-cased before matching, so 30M (months) is accepted as 30 minutes.',
    expectedRequirements: ['CJ-DUR-003'],
    install(proxy) {
      rewriteQueryTimeout(proxy, (value) =>
        /^\s*\d+\s*M$/.test(value) ? value.replace(/M$/, 'm') : undefined,
      );
    },
  },
  {
    name: 'fractional-timeout-accepted',
    mistake: 'Fractional timeouts such as 1.5s are accepted (parsed as a float) instead of 400.',
    expectedRequirements: ['CJ-DUR-005'],
    install(proxy) {
      rewriteQueryTimeout(proxy, (value) => {
        const match = /^\s*(\d+\.\d+)\s*(nanos|micros|ms|s|m|h|d)\s*$/i.exec(value);
        return match ? `${Math.round(Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!)}ms` : undefined;
      });
    },
  },
  {
    name: 'negative-timeout-accepted',
    mistake: 'Negative timeouts other than -1 are accepted (treated as "no wait") instead of 400.',
    expectedRequirements: ['CJ-DUR-004'],
    install(proxy) {
      rewriteQueryTimeout(proxy, (value) =>
        /^\s*-\d+\s*[a-z]+\s*$/i.test(value) && !/^\s*-0*1\s*[a-z]+\s*$/i.test(value) ? '30s' : undefined,
      );
    },
  },

  // Content-Type (CJ-CT-*)
  {
    name: 'not-acceptable-as-400',
    mistake: 'A missing or unsupported Content-Type is answered 400 instead of 406.',
    expectedRequirements: ['CJ-CT-001', 'CJ-CT-002'],
    install(proxy) {
      onResponse(proxy, (response) => (response.status === 406 ? withStatus(response, 400) : response));
    },
  },
  {
    name: 'vendor-media-type-rejected',
    mistake:
      'Only application/json is accepted: application/vnd.elasticsearch+json;compatible-with=8 is a 406.',
    expectedRequirements: ['CJ-CT-003'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const type = request.headers['content-type'] ?? '';
        if (!close.bodyMode || !type.startsWith('application/vnd.elasticsearch')) return request;
        return {
          status: 406,
          headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' },
          body: JSON.stringify({ error: `Content-Type header [${type}] is not supported`, status: 406 }),
        };
      });
    },
  },

  {
    name: 'content-type-checked-without-body',
    mistake:
      'The Content-Type is checked on every request, so a body-less close with Content-Type: text/plain is a 406.',
    expectedRequirements: ['CJ-CT-004'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const type = request.headers['content-type'];
        if (
          close.bodyMode ||
          type === undefined ||
          /^application\/(?:json|vnd\.elasticsearch\+json)/.test(type)
        )
          return request;
        return {
          status: 406,
          headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' },
          body: JSON.stringify({ error: `Content-Type header [${type}] is not supported`, status: 406 }),
        };
      });
    },
  },

  // Route and method (CJ-ROUTE-*)
  {
    name: 'wrong-method-without-allow',
    mistake: 'The 405 for a wrong method has no Allow: POST header.',
    expectedRequirements: ['CJ-ROUTE-003'],
    install(proxy) {
      onResponse(proxy, (response) =>
        response.status === 405 ? withoutHeader(response, 'allow') : response,
      );
    },
  },
  {
    name: 'options-not-allowed',
    mistake: 'OPTIONS on the close route is treated as a wrong method (405) instead of 200 with Allow: POST.',
    expectedRequirements: ['CJ-ROUTE-005'],
    install(proxy) {
      proxy.use(async (request, next) =>
        request.method === 'OPTIONS' && asClose(request, 'OPTIONS')
          ? next({ ...request, method: 'PATCH' }).then((response) => withStatus(response, 405))
          : next(request),
      );
    },
  },

  {
    name: 'unknown-path-with-status',
    mistake:
      'The "no handler found" 400 for an unknown path carries a status field, like the other simple errors.',
    expectedRequirements: ['CJ-ROUTE-004'],
    install(proxy) {
      onResponse(proxy, (response) => {
        const body = jsonObject(response.body);
        return response.status === 400 &&
          typeof body?.error === 'string' &&
          body.error.startsWith('no handler found') &&
          !('status' in body)
          ? rewriteJson(response, (json) => {
              json.status = 400;
            })
          : response;
      });
    },
  },

  // Response headers, envelopes and formatting (CJ-RESP-*, CJ-ENV-*, CJ-FMT-*)
  {
    name: 'no-product-header-on-errors',
    mistake: 'The error handler forgets X-elastic-product: Elasticsearch on error responses.',
    expectedRequirements: ['CJ-RESP-003'],
    install(proxy) {
      onResponse(proxy, (response) =>
        response.status >= 400 && response.status !== 401 && response.status !== 403
          ? withoutHeader(response, 'x-elastic-product')
          : response,
      );
    },
  },
  {
    name: 'json-with-charset',
    mistake: 'Responses say Content-Type: application/json; charset=UTF-8, as Elasticsearch 7.x did.',
    expectedRequirements: ['CJ-RESP-002'],
    install(proxy) {
      onResponse(proxy, (response) =>
        response.headers['content-type'] === 'application/json'
          ? {
              ...response,
              headers: { ...response.headers, 'content-type': 'application/json; charset=UTF-8' },
            }
          : response,
      );
    },
  },
  {
    name: 'no-root-cause',
    mistake: 'The detailed error envelope has no root_cause array.',
    expectedRequirements: ['CJ-ENV-001'],
    install(proxy) {
      onResponse(proxy, (response) =>
        detailedError(response)
          ? rewriteJson(response, (body) => void delete (body.error as Record<string, unknown>).root_cause)
          : response,
      );
    },
  },
  {
    name: 'no-status-field',
    mistake: 'The detailed error envelope has no top-level status field.',
    expectedRequirements: ['CJ-ENV-001'],
    install(proxy) {
      onResponse(proxy, (response) =>
        detailedError(response) ? rewriteJson(response, (body) => void delete body.status) : response,
      );
    },
  },
  {
    name: 'root-cause-copies-top-error',
    mistake: 'root_cause holds a copy of the whole top-level error, caused_by included.',
    expectedRequirements: ['CJ-ENV-002'],
    install(proxy) {
      onResponse(proxy, (response) => {
        const error = detailedError(response);
        if (!error?.caused_by) return response;
        return rewriteJson(response, (body) => {
          const { root_cause: _roots, ...top } = body.error as Record<string, unknown>;
          (body.error as Record<string, unknown>).root_cause = [top];
        });
      });
    },
  },
  {
    name: 'caused-by-always-present',
    mistake: 'Every detailed error carries caused_by, repeating the error itself when there is no cause.',
    expectedRequirements: ['CJ-ENV-003'],
    install(proxy) {
      onResponse(proxy, (response) => {
        const error = detailedError(response);
        if (!error || error.caused_by) return response;
        return rewriteJson(response, (body) => {
          const top = body.error as Record<string, unknown>;
          top.caused_by = { type: top.type, reason: top.reason };
        });
      });
    },
  },
  {
    name: 'pretty-ignored',
    mistake: '?pretty is accepted but ignored: bodies are always compact.',
    expectedRequirements: ['CJ-FMT-001'],
    install(proxy) {
      onResponse(proxy, (response) =>
        response.body.endsWith('\n') && jsonObject(response.body)
          ? { ...response, body: JSON.stringify(jsonObject(response.body)) }
          : response,
      );
    },
  },
  {
    name: 'filter-path-ignored',
    mistake: '?filter_path is accepted but never applied to success bodies.',
    expectedRequirements: ['CJ-FMT-002'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) =>
        close.target.has('filter_path')
          ? withTarget(request, new Target(request.path).delete('filter_path'))
          : request,
      );
    },
  },
  {
    name: 'filter-path-on-errors',
    mistake: '?filter_path is applied to error bodies too (filter_path=closed turns a 404 body into {}).',
    expectedRequirements: ['CJ-FMT-003'],
    install(proxy) {
      onCloseResponse(proxy, (response, _request, close) => {
        const filter = close.target.get('filter_path');
        if (response.status < 400 || !filter) return response;
        const keep = new Set(filter.split(',').map((path) => path.trim().split('.')[0]));
        return rewriteJson(response, (body) =>
          Object.fromEntries(Object.entries(body).filter(([key]) => keep.has(key))),
        );
      });
    },
  },
  {
    name: 'stack-trace-by-default',
    mistake: 'Error bodies always carry stack_trace, as if error_trace defaulted to true.',
    expectedRequirements: ['CJ-FMT-004'],
    install(proxy) {
      onCloseResponse(proxy, (response) => {
        const error = detailedError(response);
        if (!error || 'stack_trace' in error || response.status === 401) return response;
        return rewriteJson(response, (body) => {
          (body.error as Record<string, unknown>).stack_trace =
            `${String(error.type)}: ${String(error.reason)}\n\tat mlclose.variant`;
        });
      });
    },
  },

  // Security (CJ-SEC-*): the upstream runs with an API key and a viewer user, and the suite is given both.
  {
    name: 'product-header-on-401',
    mistake: 'X-elastic-product is added to every response, 401 and 403 included.',
    expectedRequirements: ['CJ-SEC-005'],
    ...SECURED,
    install(proxy) {
      onResponse(proxy, (response) =>
        response.status === 401 || response.status === 403
          ? { ...response, headers: { ...response.headers, 'x-elastic-product': 'Elasticsearch' } }
          : response,
      );
    },
  },
  {
    name: 'no-www-authenticate',
    mistake: 'The 401 has no WWW-Authenticate HTTP header (the body still names it).',
    expectedRequirements: ['CJ-SEC-001', 'CJ-SEC-005'],
    ...SECURED,
    install(proxy) {
      onResponse(proxy, (response) =>
        response.status === 401 ? withoutHeader(response, 'www-authenticate') : response,
      );
    },
  },
  {
    name: 'parameters-checked-before-authentication',
    mistake:
      'Query parameters are validated before authentication: a request without credentials and a bad parameter gets 400, not 401.',
    expectedRequirements: ['CJ-SEC-006'],
    ...SECURED,
    install(proxy) {
      onCloseRequest(proxy, async (request, close) => {
        if (request.headers.authorization !== undefined || close.target.params.length === 0) return request;
        // What would the parameter check say? Ask with valid credentials, for a probe id (no side effects).
        const authorized = {
          ...request,
          headers: { ...request.headers, authorization: `ApiKey ${API_KEY}` },
        };
        const checked = await probe(authorized, close, (r) => proxy.upstream(r));
        return checked.status === 400 ? checked : request;
      });
    },
  },
  {
    name: 'forbidden-without-roles',
    mistake: 'The 403 for a user without manage_ml leaves out the "with effective roles [...]" clause.',
    expectedRequirements: ['CJ-SEC-003'],
    ...SECURED,
    install(proxy) {
      onResponse(proxy, (response) => {
        const reason = reasonOf(response);
        return response.status === 403 && reason?.includes(' with effective roles [')
          ? replaceReason(response, reason, reason.replace(/ with effective roles \[[^\]]*\]/, ''))
          : response;
      });
    },
  },
  // Mistakes found by mutation testing of the server (../../stryker).
  {
    name: 'body-timeout-ignored',
    mistake: 'The body timeout is validated but not applied: a body-mode close always waits the 30m default.',
    expectedRequirements: ['CJ-TIMEOUT-001', 'CJ-BODY-001'],
    install(proxy) {
      onCloseRequest(proxy, (request, close) => {
        const body = bodyObject(request, close);
        if (!body || typeof body.timeout !== 'string' || !/^\s*\d+\s*[a-z]+$/i.test(body.timeout))
          return request;
        const { timeout: _ignored, ...rest } = body;
        return withBody(request, rest);
      });
    },
  },
  {
    name: 'wildcard-as-unescaped-regexp',
    mistake:
      'Wildcard tokens become regular expressions without escaping, so `.` in a token matches any character.',
    expectedRequirements: ['CJ-EXPAND-002'],
    install(proxy) {
      onCloseRequest(proxy, async (request, close) => {
        const list = tokens(close.expression);
        if (!list.some((token) => token.includes('*') && token.includes('.'))) return request;
        const listing = await proxy.upstream({
          method: 'GET',
          path: '/_ml/anomaly_detectors/_all?allow_no_match=true',
        });
        const jobs = (jsonObject(listing.body)?.jobs ?? []) as Array<{ job_id: string; groups?: string[] }>;
        const names = [...new Set(jobs.flatMap((job) => [job.job_id, ...(job.groups ?? [])]))];
        const rewritten = list.flatMap((token) => {
          if (!token.includes('*') || !token.includes('.')) return [token];
          const regexp = new RegExp(`^${token.replaceAll('*', '.*')}$`);
          const hits = names.filter((name) => regexp.test(name));
          return hits.length > 0 ? hits : [token];
        });
        return withExpression(request, close, rewritten.join(','));
      });
    },
  },
];
