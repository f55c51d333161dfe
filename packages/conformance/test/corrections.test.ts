// The checks of the 2026-12-02 corrections (Unicode digits in timeouts, Jackson's cause of a JSON parse error, `\` in
// a `*` token, Elasticsearch's wrapper of a plain Java root cause under error_trace) can fail and can pass,
// whatever the reference server does today: each runs against the faithful server behind a proxy that answers
// the way Elasticsearch does, and behind one that answers the way the server did before the correction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../src/runner.js';
import { startTamperProxy, type RewriteRequest, type Tamper } from './support/tamper-proxy.js';
import { startTarget, type Target } from './support/target.js';

let server: Target;

beforeAll(async () => {
  server = await startTarget();
});

afterAll(async () => {
  await server.close();
});

/** The statuses of the checks `ids` against `server` behind a proxy with `tamper` and `rewrite`. */
async function statuses(ids: readonly string[], tamper: Tamper, rewrite?: RewriteRequest) {
  const proxy = await startTamperProxy(server.url, tamper, { rewrite });
  try {
    const report = await runConformance({ target: proxy.url, only: [...ids], seed: 11 });
    return Object.fromEntries(
      report.checks.filter((check) => ids.includes(check.id)).map((check) => [check.id, check.status]),
    );
  } finally {
    await proxy.close();
  }
}

const untouched: Tamper = () => undefined;

type ErrorObject = Record<string, unknown>;

/** Rewrites the error envelope of a JSON response; other responses pass. */
function onError(change: (error: ErrorObject, exchangeUrl: string) => void): Tamper {
  return (exchange) => {
    if (exchange.status < 400 || !exchange.responseBody.startsWith('{')) return undefined;
    const body = JSON.parse(exchange.responseBody) as { error?: unknown };
    if (typeof body.error !== 'object' || body.error === null) return undefined;
    change(body.error as ErrorObject, exchange.url);
    return { responseBody: JSON.stringify(body) };
  };
}

// ---- Unicode decimal digits in a timeout (Long.parseLong) ------------------------------------------------------

/** The Unicode digit blocks the checks use, by the code point of their zero. */
const ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0xff10];

function asciiDigits(value: string): string {
  return [...value]
    .map((c) => {
      const zero = ZEROS.find((z) => c.codePointAt(0)! >= z && c.codePointAt(0)! <= z + 9);
      return zero === undefined ? c : String(c.codePointAt(0)! - zero);
    })
    .join('');
}

/** Sends the timeout with ASCII digits upstream, and puts the original value back into the messages. */
const unicodeTimeouts: { rewrite: RewriteRequest; tamper: Tamper } = {
  rewrite: ({ url, body }) => ({
    url: url.replace(
      /([?&]timeout=)([^&]*)/,
      (_m, key: string, value: string) => key + encodeURIComponent(asciiDigits(decodeURIComponent(value))),
    ),
    body: body.replace(/"timeout":"([^"]*)"/, (_m, value: string) => `"timeout":"${asciiDigits(value)}"`),
  }),
  tamper: (exchange) => {
    const match = /[?&]timeout=([^&]*)/.exec(exchange.url);
    if (!match) return undefined;
    const original = decodeURIComponent(match[1]!);
    return { responseBody: exchange.responseBody.split(`[${asciiDigits(original)}]`).join(`[${original}]`) };
  },
};

/** How the server answered before the correction: a Unicode digit is junk before the unit. */
const unicodeAsJunk: Tamper = (exchange) => {
  const match = /[?&]timeout=([^&]*)/.exec(exchange.url) ?? /"timeout":"([^"]*)"/.exec(exchange.body);
  const value = match ? decodeURIComponent(match[1]!) : '';
  if (asciiDigits(value) === value) return undefined;
  const reason = `failed to parse [${value}]`;
  const cause = { type: 'number_format_exception', reason: `For input string: "${value.slice(0, -1)}"` };
  return {
    status: 400,
    responseBody: JSON.stringify({
      error: {
        root_cause: [{ type: 'illegal_argument_exception', reason }],
        type: 'illegal_argument_exception',
        reason,
        caused_by: cause,
      },
      status: 400,
    }),
  };
};

// ---- Jackson's cause of a JSON parse error ---------------------------------------------------------------------

const JACKSON = {
  x_content_e_o_f_exception: {
    type: 'json_e_o_f_exception',
    javaClass: 'com.fasterxml.jackson.core.io.JsonEOFException',
    reason: 'Unexpected end-of-input: expected close marker for Object',
  },
  x_content_parse_exception: {
    type: 'json_parse_exception',
    javaClass: 'com.fasterxml.jackson.core.JsonParseException',
    reason: "Unexpected character ('f' (code 102)): was expecting double-quote to start field name",
  },
} as const;

/** The body-syntax errors (a truncated or malformed body) get Jackson's exception as their cause. */
const withJacksonCause: Tamper = onError((error) => {
  const jackson = JACKSON[error.type as keyof typeof JACKSON];
  if (!jackson || error.caused_by || !/^\[\d+:\d+\] (Unexpected|Unexpected end)/.test(String(error.reason)))
    return;
  const cause: ErrorObject = { type: jackson.type, reason: jackson.reason };
  if (typeof error.stack_trace === 'string') {
    const line = `${jackson.javaClass}: ${jackson.reason}`;
    cause.stack_trace = `${line}\n\tat com.fasterxml.jackson.core.JsonParser.parse(JsonParser.java:1)`;
    error.stack_trace = `${error.stack_trace}\nCaused by: ${line}\n\t... 1 more`;
    for (const root of error.root_cause as ErrorObject[])
      root.stack_trace = `${String(root.stack_trace)}\nCaused by: ${line}\n\t... 1 more`;
  }
  error.caused_by = cause;
});

const withoutCause: Tamper = onError((error) => {
  if (error.type === 'x_content_e_o_f_exception' || /^\[\d+:\d+\] Unexpected/.test(String(error.reason)))
    delete error.caused_by;
});

// ---- Elasticsearch's wrapper of a plain Java root cause --------------------------------------------------------

const PLAIN_JAVA = new Set([
  'illegal_argument_exception',
  'illegal_state_exception',
  'x_content_parse_exception',
  'x_content_e_o_f_exception',
]);

/** The root cause's trace as Elasticsearch renders a plain Java exception: its wrapper, then the exception. */
const wrappedRoots: Tamper = onError((error) => {
  for (const root of (error.root_cause as ErrorObject[] | undefined) ?? []) {
    const trace = root.stack_trace;
    if (typeof trace !== 'string' || !PLAIN_JAVA.has(String(root.type))) continue;
    if (trace.startsWith('org.elasticsearch.ElasticsearchException$')) continue;
    root.stack_trace = `org.elasticsearch.ElasticsearchException$1: ${String(root.reason)}\n\tat org.elasticsearch.ElasticsearchException.guessRootCauses(ElasticsearchException.java:1)\nCaused by: ${trace}`;
  }
});

/** The root cause's trace as the exception's own (the form before the correction). */
const ownRoots: Tamper = onError((error) => {
  for (const root of (error.root_cause as ErrorObject[] | undefined) ?? []) {
    const trace = root.stack_trace;
    if (typeof trace === 'string' && trace.startsWith('org.elasticsearch.ElasticsearchException$'))
      root.stack_trace = trace.slice(trace.indexOf('\nCaused by: ') + '\nCaused by: '.length);
  }
});

function both(...tampers: Tamper[]): Tamper {
  return (exchange) => {
    let current = exchange;
    let changed: NonNullable<ReturnType<Tamper>> | undefined;
    for (const tamper of tampers) {
      const change = tamper(current);
      if (change) {
        changed = { ...changed, ...change };
        current = { ...current, ...change };
      }
    }
    return changed;
  };
}

// ---- `\` inside a `*` token -------------------------------------------------------------------------------------

/** The search reads `\` as an escape: where the wildcard is optional, the token searches as `foo-1*`. */
const backslashEscapes: RewriteRequest = ({ url }) =>
  url.includes('foo%5C-1*') && !url.includes('allow_no_match=false')
    ? { url: url.replace('foo%5C-1*', 'foo-1*') }
    : undefined;

/** The search reads `\` literally (the form before the correction): the token matches nothing. */
const backslashLiteral: RewriteRequest = ({ url }) =>
  url.includes('foo%5C-1*') ? { url: url.replace('foo%5C-1*', 'foo%5C%5C-1*') } : undefined;

describe('the checks of the 2026-12-02 corrections', () => {
  const unicodeChecks = [
    'duration/valid/~663~s',
    'duration/valid/~6f3~s',
    'duration/valid/~969~s',
    'duration/valid/~ff13~s',
    'duration/valid/~661665~m',
    'duration/valid/~2b663~s',
    'duration/invalid/-~663~s',
    'body/timeout-unicode-digits',
  ];
  const jacksonChecks = ['body/truncated', 'body/malformed'];
  const traceChecks = [
    'format/error-trace/unknown-parameter',
    'format/error-trace/fractional-timeout',
    'format/error-trace/body-fractional-timeout',
    'format/error-trace/truncated-body',
    'format/error-trace/malformed-body',
    'format/error-trace/timed-out',
  ];
  const all = (ids: readonly string[], status: string) => Object.fromEntries(ids.map((id) => [id, status]));

  it('timeouts with Unicode decimal digits: pass when they are numbers, fail when they are junk', async () => {
    expect(await statuses(unicodeChecks, unicodeTimeouts.tamper, unicodeTimeouts.rewrite)).toEqual(
      all(unicodeChecks, 'passed'),
    );
    expect(await statuses(unicodeChecks, unicodeAsJunk)).toEqual(all(unicodeChecks, 'failed'));
  });

  it("JSON parse errors: pass with Jackson's cause, fail without it", async () => {
    expect(await statuses(jacksonChecks, both(withoutCause, withJacksonCause))).toEqual(
      all(jacksonChecks, 'passed'),
    );
    expect(await statuses(jacksonChecks, withoutCause)).toEqual(all(jacksonChecks, 'failed'));
  });

  it("error_trace: pass with the wrapper's trace on a plain Java root cause, fail with the exception's own", async () => {
    expect(await statuses(traceChecks, both(withoutCause, withJacksonCause, wrappedRoots))).toEqual(
      all(traceChecks, 'passed'),
    );
    expect(await statuses(traceChecks, both(withoutCause, withJacksonCause, ownRoots))).toEqual(
      all(traceChecks, 'failed'),
    );
  });

  it('`\\` in a `*` token: passes when the search escapes, fails when it reads `\\` literally', async () => {
    const id = ['expand/backslash-in-wildcard'];
    expect(await statuses(id, untouched, backslashEscapes)).toEqual(all(id, 'passed'));
    expect(await statuses(id, untouched, backslashLiteral)).toEqual(all(id, 'failed'));
  });
});
