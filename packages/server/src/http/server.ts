// The HTTP pipeline, in Elasticsearch's order of checks (AbstractHttpServerTransport.handleIncomingRequest,
// RestController.dispatchRequest, BaseRestHandler.handleRequest): CORS preflight, query decoding, the Accept and
// Content-Type media types (400), the response-channel parameters, error_trace, route and method (400/405/OPTIONS),
// body Content-Type (406), authentication (401), the handler's parsing and the unconsumed-parameter check (400), then
// the action (authorization 403, upgrade mode 429, the action's own errors).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Cluster } from '../cluster/cluster.js';
import { parseQueryBoolean } from '../rules/booleans.js';
import { detailedBody, EsError, esError, simpleBody } from '../rules/error-envelope.js';
import { BUILD_HASH, CLUSTER_VERSION } from '../rules/cluster-info.js';
import { applyFilterPath } from '../rules/filter-path.js';
import { toJson } from '../rules/json-writer.js';
import { checkContentType, responseContentType } from '../rules/media-type.js';
import { closeJob } from './handlers/close-job.js';
import {
  datafeedStats,
  deleteDatafeed,
  putDatafeed,
  startDatafeed,
  stopDatafeed,
} from './handlers/datafeeds.js';
import { clusterHealth, putClusterSettings } from './handlers/cluster-settings.js';
import { flushJobHandler, postDataHandler } from './handlers/data.js';
import {
  aliasExists,
  countDocuments,
  createDocument,
  getDocument,
  indexDocument,
  indexExists,
  refreshIndices,
} from './handlers/documents.js';
import { createIndex, deleteIndex } from './handlers/indices.js';
import { info } from './handlers/info.js';
import { deleteJob, getJobs, jobStats, mlInfo, openJob, putJob } from './handlers/jobs.js';
import type { Handler, Reply } from './handlers/request.js';
import { getDatafeeds, updateDatafeed, updateJob } from './handlers/updates.js';
import {
  testControlDatafeedBehaviour,
  testControlFailJob,
  testControlInfo,
  testControlJobBehaviour,
  testControlReleaseJob,
  testControlDeleteByPrefix,
  testControlReset,
  testControlUpgradeMode,
} from './handlers/test-control.js';
import { headerValues, parseMediaTypeHeaders } from './rest-request.js';
import { RestParams } from './rest-params.js';
import { allowedMethods, Router, type Method, type RouteMatch } from './router.js';
import type { Principal, Security } from './security.js';
import { decodeComponent, decodeQueryString } from './url-decoding.js';

/** The largest body accepted (Elasticsearch's http.max_content_length is 100mb; tests never need more). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const TEST_CONTROL_PREFIX = '/_mlclose/test';

// http.cors.* defaults of Elasticsearch. CorsHandler names its headers in lower case and adds one line per
// allowed method and header: here in the settings' order (Elasticsearch's comes out of a HashSet: no order is
// promised).
const CORS_ALLOW_METHODS = ['OPTIONS', 'HEAD', 'GET', 'POST', 'PUT', 'DELETE'];
const CORS_ALLOW_HEADERS = [
  'X-Requested-With',
  'Content-Type',
  'Content-Length',
  'Authorization',
  'Accept',
  'User-Agent',
  'X-Elastic-Client-Meta',
];
const CORS_MAX_AGE = '1728000';
/** http.cors.expose-headers: on every answer that allows the origin, but a preflight's (CorsHandler). */
const CORS_EXPOSE_HEADERS = 'X-elastic-product';

/** What the pipeline reads of a request's headers: as node:http parsed them, and as they were sent. */
export interface RequestHeaders {
  readonly headers: IncomingHttpHeaders;
  /** Name, value, name, value…, in the order sent (repeated headers each keep their own pair). */
  readonly rawHeaders: readonly string[];
}

/** Where the pipeline writes its one answer: node:http's ServerResponse, or the in-process collector. */
export interface Responder {
  readonly headersSent: boolean;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  /** Ends the answer; `undefined` sends no body (HEAD). */
  end(body?: string): unknown;
  /** Ends the exchange with no (further) answer. */
  destroy(): unknown;
}

/** A request as the pipeline takes it once its body is read. */
export interface PipelineRequest extends RequestHeaders {
  /** Upper case. */
  readonly method: string;
  /** The request target as sent: the raw path and query string. */
  readonly uri: string;
}

export interface PipelineOptions {
  cluster: Cluster;
  security: Security;
  testControl: boolean;
  corsAllowOrigin: string | undefined;
  version: string;
}

export function buildRouter(testControl: boolean): Router<Handler> {
  const router = new Router<Handler>()
    .add('/', { GET: info, HEAD: info })
    .add('/{index}', { PUT: createIndex, DELETE: deleteIndex, HEAD: indexExists })
    .add('/{index}/_doc', { POST: indexDocument })
    .add('/{index}/_doc/{id}', { GET: getDocument, PUT: indexDocument, POST: indexDocument })
    .add('/{index}/_create/{id}', { PUT: createDocument, POST: createDocument })
    .add('/_count', { GET: countDocuments, POST: countDocuments })
    .add('/{index}/_count', { GET: countDocuments, POST: countDocuments })
    .add('/_refresh', { GET: refreshIndices, POST: refreshIndices })
    .add('/{index}/_refresh', { GET: refreshIndices, POST: refreshIndices })
    .add('/_alias/{name}', { HEAD: aliasExists })
    .add('/{index}/_alias/{name}', { HEAD: aliasExists })
    .add('/_cluster/health', { GET: clusterHealth })
    .add('/_cluster/health/{index}', { GET: clusterHealth })
    .add('/_cluster/settings', { PUT: putClusterSettings })
    .add('/_ml/info', { GET: mlInfo })
    .add('/_ml/anomaly_detectors', { GET: getJobs })
    .add('/_ml/anomaly_detectors/_stats', { GET: jobStats })
    .add('/_ml/anomaly_detectors/{job_id}', {
      GET: getJobs,
      PUT: putJob,
      DELETE: deleteJob,
    })
    .add('/_ml/anomaly_detectors/{job_id}/_close', { POST: closeJob })
    .add('/_ml/anomaly_detectors/{job_id}/_open', { POST: openJob })
    .add('/_ml/anomaly_detectors/{job_id}/_data', { POST: postDataHandler })
    .add('/_ml/anomaly_detectors/{job_id}/_flush', { POST: flushJobHandler })
    .add('/_ml/anomaly_detectors/{job_id}/_update', { POST: updateJob })
    .add('/_ml/anomaly_detectors/{job_id}/_stats', { GET: jobStats })
    .add('/_ml/datafeeds', { GET: getDatafeeds })
    .add('/_ml/datafeeds/_stats', { GET: datafeedStats })
    .add('/_ml/datafeeds/{datafeed_id}', { GET: getDatafeeds, PUT: putDatafeed, DELETE: deleteDatafeed })
    .add('/_ml/datafeeds/{datafeed_id}/_update', { POST: updateDatafeed })
    .add('/_ml/datafeeds/{datafeed_id}/_start', { POST: startDatafeed })
    .add('/_ml/datafeeds/{datafeed_id}/_stop', { POST: stopDatafeed })
    .add('/_ml/datafeeds/{datafeed_id}/_stats', { GET: datafeedStats });
  if (testControl) {
    router
      .add(TEST_CONTROL_PREFIX, { GET: testControlInfo })
      .add(`${TEST_CONTROL_PREFIX}/_reset`, { POST: testControlReset })
      .add(`${TEST_CONTROL_PREFIX}/_delete_by_prefix`, { POST: testControlDeleteByPrefix })
      .add(`${TEST_CONTROL_PREFIX}/upgrade_mode`, { PUT: testControlUpgradeMode })
      .add(`${TEST_CONTROL_PREFIX}/anomaly_detectors/{job_id}/_fail`, { POST: testControlFailJob })
      .add(`${TEST_CONTROL_PREFIX}/anomaly_detectors/{job_id}/_behaviour`, {
        PUT: testControlJobBehaviour,
      })
      .add(`${TEST_CONTROL_PREFIX}/anomaly_detectors/{job_id}/_release`, { POST: testControlReleaseJob })
      .add(`${TEST_CONTROL_PREFIX}/datafeeds/{datafeed_id}/_behaviour`, {
        PUT: testControlDatafeedBehaviour,
      });
  }
  return router;
}

interface Outgoing {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string;
  contentType?: string;
  /**
   * A success answered by the transport before the REST layer that adds X-elastic-product (the CORS preflight); a
   * 403 never carries it anyway.
   */
  early?: true;
}

export type Received = Buffer | 'too-large' | 'aborted';

export const EMPTY_BODY = Buffer.alloc(0);
const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_VALUES: readonly string[] = Object.freeze([]);

/**
 * A request that cannot have a body: no Transfer-Encoding and no Content-Length, or a Content-Length of 0
 * (RFC 9112 section 6.3, as Node's parser frames a request): its message ends with its headers.
 */
function hasNoBody(req: IncomingMessage): boolean {
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  return length === undefined || length === '0';
}

/** Reads the body, then calls `done` once (synchronously from the stream's events: no promise per request). */
function readBody(req: IncomingMessage, done: (received: Received) => void): void {
  if (hasNoBody(req)) {
    // Read to the end as any server must, but with no `data` listener: Node removes one from every request
    // whose stream ended before it was read (IncomingMessage._dump), and that removal (a `delete` on the
    // emitter's listener map) was 1.6 % of the server's time when closing closed jobs. A body-less message has
    // nothing left to lose, so no `error` listener either (Node emits `error` on a request only to listeners).
    req.on('end', () => done(EMPTY_BODY));
    req.resume();
    return;
  }
  let chunks: Buffer[] | undefined;
  let first: Buffer | undefined;
  let size = 0;
  let tooLarge = false;
  let settled = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else if (first === undefined) first = chunk;
    else {
      chunks ??= [first];
      chunks.push(chunk);
    }
  });
  req.on('end', () => {
    if (settled) return;
    settled = true;
    done(tooLarge ? 'too-large' : chunks ? Buffer.concat(chunks) : (first ?? EMPTY_BODY));
  });
  // The client went away mid-body: there is nobody to answer.
  req.on('error', () => {
    if (settled) return;
    settled = true;
    done('aborted');
  });
}

function internalError(res: Responder, error: unknown): void {
  // Never let a request crash the server; answer the generic 500 Elasticsearch gives for a bug.
  process.stderr.write(
    `mlclose-server: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  if (!res.headersSent) {
    const body = detailedBody(esError(500, 'exception', 'internal server error'), false);
    res.writeHead(500, { 'X-elastic-product': 'Elasticsearch', 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  } else {
    res.destroy();
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * The pipeline for one request whose body has been read (or failed to read): answers on `res`, once. Both the
 * node:http listener below and the in-process handler (./in-process.ts) call it, so that they answer alike.
 */
export type Pipeline = (request: PipelineRequest, received: Received, res: Responder) => void;

export function createPipeline(options: PipelineOptions): Pipeline {
  const router = buildRouter(options.testControl);
  return (request, received, res) => {
    const { headers } = request;
    const head: RequestHead = {
      accept: headers.accept === undefined ? NO_VALUES : headerValues(request, 'accept'),
      requestContentType:
        headers['content-type'] === undefined ? NO_VALUES : headerValues(request, 'content-type'),
      origin: header(request, 'origin'),
      received,
    };
    try {
      const pending = handle(request, res, router, options, head);
      if (pending) pending.catch((error: unknown) => internalError(res, error));
    } catch (error) {
      internalError(res, error);
    }
  };
}

export function createRequestListener(
  options: PipelineOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const pipeline = createPipeline(options);
  return (req, res) => {
    // Elasticsearch sends no Date header (its Netty responses carry only what the REST layer sets).
    res.sendDate = false;
    // The request line is read before the body, as node:http gives it: its parser accepts only the methods it
    // knows, spelled in upper case.
    const request: PipelineRequest = {
      method: req.method ?? 'GET',
      uri: req.url ?? '/',
      headers: req.headers,
      rawHeaders: req.rawHeaders,
    };
    readBody(req, (received) => pipeline(request, received, res));
  };
}

interface RequestHead {
  /** Every value of the header as sent (RestRequest refuses a repeated one). */
  accept: readonly string[];
  requestContentType: readonly string[];
  origin: string | undefined;
  received: Received;
}

/** The test-control marker of the root's answer, on a server with test control. */
const TEST_CONTROL_HEADERS: Record<string, string> = Object.freeze({
  'X-mlclose-test-control': TEST_CONTROL_PREFIX,
}) as Record<string, string>;

/**
 * The response channel of one request (RestChannel): how its one answer is framed (the request's media types,
 * pretty, error_trace, filter_path, CORS and warnings), and where it goes. One object per request, where closures
 * over the same state were six.
 */
class Channel {
  /** The headers the request keeps: one that fails to parse is dropped (CJ-CT-005, CJ-CT-006, CJ-CT-007). */
  accept: string | undefined = undefined;
  requestContentType: string | undefined = undefined;
  pretty = false;
  errorTrace = false;
  filterPath: string | undefined = undefined;
  /** Deprecation warnings, sent as `Warning` headers with the answer (HeaderWarning). */
  readonly warnings: string[] = [];

  constructor(
    private readonly res: Responder,
    private readonly isHead: boolean,
    private readonly cors: Record<string, string>,
    /** The headers of a reply beyond those every answer has. */
    private readonly replyHeaders: Record<string, string>,
  ) {}

  send(out: Outgoing): void {
    const { cors } = this;
    // Copied in with Object.assign and added to: in Node 20 adding to an object made by a spread, or writing a
    // property after a spread in an object literal, took about 1 µs, ten times as long.
    const headers: Record<string, string | string[]> = {};
    if (cors !== NO_HEADERS) {
      Object.assign(headers, cors);
      if (!out.early) headers['access-control-expose-headers'] = CORS_EXPOSE_HEADERS;
    }
    if (out.headers !== NO_HEADERS) Object.assign(headers, out.headers);
    // 401 and 403 strip X-elastic-product (CJ-SEC-005); every other response carries it (CJ-RESP-003).
    if (out.status !== 401 && out.status !== 403 && !out.early)
      headers['X-elastic-product'] = 'Elasticsearch';
    if (this.warnings.length > 0) headers.Warning = this.warnings.map(warningHeader);
    const body = out.body ?? '';
    // Lower case, as DefaultRestChannel names the two it adds; the others as Elasticsearch spells each.
    if (out.body !== undefined || out.contentType) {
      headers['content-type'] = out.contentType ?? responseContentType(this.accept, this.requestContentType);
    }
    headers['content-length'] = contentLength(body);
    this.res.writeHead(out.status, headers);
    this.res.end(this.isHead ? undefined : body);
  }

  sendError(error: EsError): void {
    this.send({
      status: error.status,
      headers: error.httpHeaders,
      body: toJson(detailedBody(error, this.errorTrace), this.pretty),
    });
  }

  sendSimple(
    status: number,
    message: string,
    withStatus = true,
    headers: Record<string, string> = NO_HEADERS,
  ): void {
    this.send({
      status,
      headers,
      body: toJson(simpleBody(message, withStatus ? status : undefined), this.pretty),
    });
  }

  /** Answers an Elasticsearch error; anything else is a bug, thrown on. */
  fail(error: unknown): void {
    if (!(error instanceof EsError)) throw error;
    this.sendError(error);
  }

  /** Answers the action's reply, through filter_path and pretty. */
  answer(reply: Reply): void {
    const { filterPath, pretty } = this;
    let text: string;
    if (filterPath !== undefined && filterPath !== '')
      text = toJson(applyFilterPath(reply.body, filterPath), pretty);
    else if (!pretty && reply.json !== undefined) text = reply.json;
    else text = toJson(reply.body, pretty);
    const status = reply.status ?? 200;
    if (reply.empty) {
      this.send({ status, headers: this.replyHeaders, body: '', contentType: 'text/plain; charset=UTF-8' });
      return;
    }
    this.send({ status, headers: this.replyHeaders, body: text });
  }
}

/** The pipeline after the body is read: synchronous, unless the action has to wait (then a promise). */
function handle(
  req: PipelineRequest,
  res: Responder,
  router: Router<Handler>,
  options: PipelineOptions,
  head: RequestHead,
): Promise<void> | void {
  const { method, uri } = req;
  const { origin, received } = head;
  const queryAt = uri.indexOf('?');
  const rawPath = queryAt < 0 ? uri : uri.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : uri.slice(queryAt + 1);
  const cors = corsHeaders(options.corsAllowOrigin, origin, req);
  const channel = new Channel(
    res,
    method === 'HEAD',
    cors,
    options.testControl && rawPath === '/' ? TEST_CONTROL_HEADERS : NO_HEADERS,
  );
  if (received === 'aborted') {
    res.destroy();
    return undefined;
  }
  if (received === 'too-large') {
    channel.send({ status: 413, headers: NO_HEADERS });
    return undefined;
  }
  const body = received.length > 0 ? received : null;

  // 0. CORS, answered before the request is built (AbstractHttpServerTransport.handleIncomingRequest asks the
  // CorsHandler first): a preflight, and a request from an origin that is not allowed (403, empty). A bad query
  // string or media-type header does not reach either.
  if (options.corsAllowOrigin !== undefined) {
    const preflight =
      method === 'OPTIONS' &&
      origin !== undefined &&
      header(req, 'access-control-request-method') !== undefined;
    // No CORS headers for this origin: it is not allowed (an empty Origin only fails a preflight).
    if (cors === NO_HEADERS && (preflight || origin))
      return channel.send({ status: 403, headers: NO_HEADERS });
    if (preflight)
      return channel.send({
        status: 200,
        headers: {
          'access-control-allow-methods': CORS_ALLOW_METHODS,
          'access-control-allow-headers': CORS_ALLOW_HEADERS,
          'access-control-max-age': CORS_MAX_AGE,
          // The one answer with a date: CorsHandler.setPreflightHeaders adds it (Node's own Date is off).
          date: new Date().toUTCString(),
        },
        early: true,
      });
  }
  // 1. Building the request, before routing (RestRequest, AbstractHttpServerTransport.handleIncomingRequest): the
  // query string, then the Accept and Content-Type media types of every request (CJ-CT-005, CJ-CT-006,
  // CJ-CT-007); then the response channel's pretty and human (RestController.dispatchRequest).
  const media = parseMediaTypeHeaders(head.accept, head.requestContentType, body !== null);
  channel.accept = media.accept;
  channel.requestContentType = media.contentType;
  let query: ReadonlyMap<string, string>;
  try {
    query = decodeQueryString(rawQuery);
  } catch (error) {
    // The query string is decoded first, so its error wins over a header's. (Elasticsearch then builds the request
    // again without parameters, and a bad header fails that second build too; it is not answered as either.)
    return channel.fail(error);
  }
  // The response channel's parameters: pretty and human (RestController.dispatchRequest), then error_trace.
  let channelError: EsError | undefined;
  let traceError: EsError | undefined;
  // Without a query string the channel keeps its defaults.
  if (query.size > 0) {
    try {
      channel.pretty = parseQueryBoolean(query.get('pretty'), false);
      parseQueryBoolean(query.get('human'), false);
      channel.filterPath = query.get('filter_path');
      try {
        channel.errorTrace = parseQueryBoolean(query.get('error_trace'), false);
      } catch (error) {
        if (!(error instanceof EsError)) throw error;
        traceError = error;
      }
    } catch (error) {
      if (!(error instanceof EsError)) throw error;
      channelError = error;
    }
  }
  if (media.error) {
    // A bad request is answered on a channel built from the request; a channel parameter that fails to parse is
    // only suppressed into the header error, and the channel is then built without parameters.
    if (channelError || traceError) {
      channel.pretty = false;
      channel.errorTrace = false;
    }
    return channel.sendError(media.error);
  }
  if (channelError) return channel.sendError(channelError);
  // 2. error_trace, answered in the simple format when unparsable (CJ-FMT-005).
  if (traceError) return channel.sendSimple(400, traceError.message);
  // 3. Route and method (CJ-ROUTE-002, CJ-ROUTE-003, CJ-ROUTE-004, CJ-ROUTE-005). The path's parameters are
  // decoded as the route is looked up, as PathTrie decodes each one it binds: a bad escape in one fails here,
  // before the method, Content-Type and credentials are looked at (CJ-ROUTE-008).
  const match = router.find(rawPath, method as Method);
  if (!match) return answerWithoutHandler(channel, router.match(rawPath), uri, method);
  let pathValues: readonly string[];
  try {
    pathValues = decodeParams(match);
  } catch (error) {
    return channel.fail(error);
  }
  const { handler } = match;
  // 4. Content-Type of a body (CJ-CT-001, CJ-CT-002, CJ-CT-003, CJ-CT-004).
  if (body !== null) {
    const check = checkContentType(media.parsedContentType);
    if (!check.ok) {
      if (check.kind === 'missing') return channel.sendSimple(406, 'Content-Type header is missing');
      return channel.sendSimple(406, `Content-Type header [${channel.requestContentType}] is not supported`);
    }
  }
  let reply: Reply | Promise<Reply>;
  try {
    // 5. Authentication (CJ-SEC-001, CJ-SEC-002, CJ-SEC-006).
    let principal: Principal | null = null;
    if (options.security.enabled)
      principal = options.security.authenticate(header(req, 'authorization'), uri);
    // 6. The handler's parsing, then the unconsumed-parameter check (CJ-PARAM-001, CJ-PARAM-008).
    const params = new RestParams(query, match.paramNames, pathValues, rawPath);
    const action = handler({
      params,
      body,
      cluster: options.cluster,
      principal,
      version: options.version,
      warnings: channel.warnings,
      contentType: channel.requestContentType,
    });
    params.assertAllConsumed();
    // 7–8. The action: authorization, upgrade mode, then the work.
    reply = action();
    if (!isPromiseLike(reply)) {
      channel.answer(reply);
      return undefined;
    }
  } catch (error) {
    channel.fail(error);
    return undefined;
  }
  return reply.then((done) => channel.answer(done)).then(undefined, (error: unknown) => channel.fail(error));
}

/**
 * The answer when no route of the path has a handler for the method: 400 when no route matches it at all, the bad
 * escape of a matching route's parameter (decoded as the routes were found), an OPTIONS answer, or 405, the Allow
 * header naming the methods of every matching route.
 */
function answerWithoutHandler(
  channel: Channel,
  matches: readonly RouteMatch<Handler>[],
  uri: string,
  method: string,
): void {
  if (matches.length === 0) {
    channel.sendSimple(400, `no handler found for uri [${uri}] and method [${method}]`, false);
    return;
  }
  try {
    for (const match of matches) decodeParams(match);
  } catch (error) {
    channel.fail(error);
    return;
  }
  const allowed = allowedMethods(matches);
  const allow = allowed.join(',');
  if (method === 'OPTIONS') {
    channel.send({
      status: 200,
      headers: { Allow: allow },
      body: '',
      contentType: 'text/plain; charset=UTF-8',
    });
    return;
  }
  channel.sendSimple(
    405,
    `Incorrect HTTP method for uri [${uri}] and method [${method}], allowed: [${allowed.join(', ')}]`,
    true,
    { Allow: allow },
  );
}

/** A route's path parameters, decoded, in the order of its names: the raw values themselves when none has an escape. */
function decodeParams(match: RouteMatch<Handler>): readonly string[] {
  const raw = match.rawValues;
  return raw.some(hasEscape) ? raw.map(decodePathParam) : raw;
}

const hasEscape = (value: string): boolean => value.includes('%');
const decodePathParam = (value: string): string => decodeComponent(value, true);

/** The last body answered and its Content-Length: most answers repeat the one before (a close's `{"closed":true}`). */
let lastBody = '';
let lastLength = '0';

/** A body's length in UTF-8 bytes, as the Content-Length value: counting them took 3 % of a close (in process). */
function contentLength(body: string): string {
  if (body !== lastBody) {
    lastBody = body;
    lastLength = String(Buffer.byteLength(body));
  }
  return lastLength;
}

/** HeaderWarning.formatWarning: code 299, the agent with version and build hash, the quoted text. */
function warningHeader(text: string): string {
  const escaped = text.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"');
  return `299 Elasticsearch-${CLUSTER_VERSION}-${BUILD_HASH} "${escaped}"`;
}

function header(req: RequestHeaders, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The CORS headers of a response (CorsHandler.setOrigin): for any origin with `*`, or for the allowed origin or one
 * that names the request's own Host (scheme stripped); none otherwise, or without CORS or an Origin.
 */
function corsHeaders(
  allowOrigin: string | undefined,
  origin: string | undefined,
  req: RequestHeaders,
): Record<string, string> {
  if (allowOrigin === undefined || !origin) return NO_HEADERS;
  if (allowOrigin === '*') return { 'access-control-allow-origin': '*' };
  const host = header(req, 'host');
  const sameOrigin = host !== undefined && host !== '' && origin.replace(/^https?:\/\//, '') === host;
  if (origin === allowOrigin || sameOrigin) {
    return { 'access-control-allow-origin': origin, vary: 'origin' };
  }
  return NO_HEADERS;
}
