// Executes a `do` step as DoSection.execute with ClientYamlTestExecutionContext.callApi: unstash parameters,
// headers and bodies, add `error_trace=true` unless given, plan the request from the API description, send it,
// stash the body as `$body`, then check `catch` (or, without it, a 2xx and the Warning headers).
import { header, type Exchange, type HttpTarget } from '../http.js';
import { ApiCallError, planCall, type RestSpec } from './api-spec.js';
import { AssertionFailure } from './assertions.js';
import { compileJavaRegex } from './java-regex.js';
import { javaToString, toJsonText, type JavaValue } from './java-values.js';
import { parseJson } from './json-values.js';
import { evaluatePath, type Stash } from './stash.js';
import type { DoStep } from './suite.js';
import { checkWarnings } from './warnings.js';

/** `catch` values and the status each expects (DoSection.CATCHES); `request` is any other error status. */
export const CATCHES: Readonly<Record<string, { label: string; test: (status: number) => boolean }>> = {
  bad_request: { label: '400', test: (s) => s === 400 },
  unauthorized: { label: '401', test: (s) => s === 401 },
  forbidden: { label: '403', test: (s) => s === 403 },
  missing: { label: '404', test: (s) => s === 404 },
  request_timeout: { label: '408', test: (s) => s === 408 },
  conflict: { label: '409', test: (s) => s === 409 },
  gone: { label: '410', test: (s) => s === 410 },
  unavailable: { label: '503', test: (s) => s === 503 },
  request: { label: '4xx|5xx', test: (s) => s >= 400 && ![400, 401, 403, 404, 408, 409, 410].includes(s) },
};

/** The last response, as ClientYamlTestResponse evaluates paths in it. */
export class LastResponse {
  constructor(
    readonly method: string,
    readonly status: number,
    /** Parsed JSON body, or the text when the body is not JSON, or null without a body. */
    readonly body: JavaValue,
    readonly parsed: boolean,
  ) {}

  evaluate(path: string, stash: Stash): unknown {
    if (!this.parsed) {
      // An API without a body (exists): is_true: '' is a 200, is_false: '' a 404.
      if (path === '' && this.method === 'HEAD') return this.status < 400;
      return undefined;
    }
    return evaluatePath(this.body, path, stash);
  }
}

export interface DoContext {
  http: HttpTarget;
  spec: RestSpec;
  stash: Stash;
  record: (exchange: Exchange) => void;
  note: (message: string) => void;
  signal?: AbortSignal;
  /** Warnings every do section allows besides its own `allowed_warnings_regex` (the run's option). @default none */
  allowedWarningsRegex?: readonly RegExp[];
}

function reasonPhrase(status: number): string {
  return (
    (
      {
        200: 'OK',
        201: 'Created',
        400: 'Bad Request',
        401: 'Unauthorized',
        403: 'Forbidden',
        404: 'Not Found',
        405: 'Method Not Allowed',
        408: 'Request Timeout',
        409: 'Conflict',
        429: 'Too Many Requests',
        500: 'Internal Server Error',
        503: 'Service Unavailable',
      } as Record<number, string>
    )[status] ?? ''
  );
}

/** Runs the step; returns the new last response (undefined for `catch: param`). Throws AssertionFailure or ApiCallError. */
export async function executeDo(step: DoStep, ctx: DoContext): Promise<LastResponse | undefined> {
  if (step.catch === 'param') {
    // A client-side validation error: Elastic's runner sends nothing and moves on.
    ctx.note(`catch: param on [${step.api}]: no request sent`);
    return undefined;
  }
  if (step.nodeSelector !== undefined) ctx.note(`node_selector on [${step.api}] ignored: one endpoint`);
  const params: Record<string, string> = { ...step.params };
  if (!('error_trace' in params)) params.error_trace = 'true';
  for (const [name, value] of Object.entries(params))
    if (ctx.stash.containsStashedValue(value)) params[name] = javaToString(ctx.stash.getValue(value));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.headers))
    headers[name] = ctx.stash.containsStashedValue(value) ? javaToString(ctx.stash.getValue(value)) : value;
  const bodies = step.bodies.map((body) => ctx.stash.replaceStashedValues(body));
  const plan = planCall(ctx.spec, step.api, params, bodies.length > 0);
  const contentType = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
  let body: string | undefined;
  if (bodies.length === 1) body = toJsonText(bodies[0]);
  else if (bodies.length > 1) body = bodies.map((b) => `${toJsonText(b)}\n`).join('');
  if (body !== undefined && contentType === undefined)
    headers['Content-Type'] = 'application/json; charset=UTF-8';
  // A test's own Authorization header wins over the run's credentials, as it does in Elastic's runner.
  const authName = Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');
  const authorization = authName === undefined ? undefined : headers[authName];
  const sent = { ...headers };
  if (authName !== undefined) delete sent[authName];
  const response = await ctx.http.request(
    {
      method: plan.method,
      path: plan.path,
      headers: sent,
      ...(body !== undefined ? { body } : {}),
      ...(authorization !== undefined ? { auth: { authorization } } : {}),
    },
    ctx.record,
  );
  const isError =
    response.status >= 300 &&
    !(plan.method === 'HEAD' && response.status === 404) &&
    !plan.ignore.includes(response.status);
  const type = header(response, 'content-type') ?? '';
  let parsedBody: JavaValue = null;
  let parsed = false;
  if (response.text.length > 0) {
    if (/^application\/(?:[\w.+-]*\+)?json\b|^application\/vnd\.elasticsearch\+json/i.test(type)) {
      try {
        parsedBody = parseJson(response.text);
        parsed = true;
      } catch (error) {
        throw new AssertionFailure(
          `api [${step.api}] answered ${response.status} with a ${type} body that is not JSON: ${error instanceof Error ? error.message : String(error)}`,
          undefined,
          response.text,
        );
      }
    } else parsedBody = response.text;
  }
  ctx.stash.set('body', parsedBody);
  if (Object.keys(headers).length > 0) ctx.stash.set('request_headers', headers);
  const last = new LastResponse(plan.method, response.status, parsedBody, parsed);
  const statusMessage = (expected: string) =>
    `expected [${expected}] status code but api [${step.api}] returned [${response.status} ${reasonPhrase(response.status)}] [${response.text}]`;
  const catchParam = step.catch ?? '';
  const isRegex = catchParam.length > 2 && catchParam.startsWith('/') && catchParam.endsWith('/');
  if (catchParam !== '' && !CATCHES[catchParam] && !isRegex)
    throw new ApiCallError(`catch value [${catchParam}] not supported`);
  if (!isError) {
    if (catchParam !== '')
      throw new AssertionFailure(
        statusMessage(CATCHES[catchParam]?.label ?? '4xx|5xx'),
        catchParam,
        response.status,
      );
    const failure = checkWarnings(response.headers.warning ?? [], {
      ...step,
      allowedWarningsRegex: [...step.allowedWarningsRegex, ...(ctx.allowedWarningsRegex ?? [])],
    });
    if (failure) throw new AssertionFailure(failure, step.warnings, response.headers.warning ?? []);
    return last;
  }
  if (catchParam === '') throw new AssertionFailure(statusMessage('2xx'), '2xx', response.status);
  const known = CATCHES[catchParam];
  if (known) {
    if (!known.test(response.status))
      throw new AssertionFailure(statusMessage(known.label), known.label, response.status);
    return last;
  }
  if (response.status < 400) throw new AssertionFailure(statusMessage('4xx|5xx'), '4xx|5xx', response.status);
  const error = last.evaluate('error', ctx.stash);
  if (error === undefined || error === null)
    throw new AssertionFailure('error was expected in the response', catchParam, response.text);
  const regex = compileJavaRegex(catchParam.slice(1, -1), { comments: false, anchored: false });
  const rendered = javaToString(error);
  if (!regex.test(rendered))
    throw new AssertionFailure(
      "the error message was expected to match the provided regex but didn't",
      catchParam,
      rendered,
    );
  return last;
}
