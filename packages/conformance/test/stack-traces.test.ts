// The error_trace assertions (checkStackTraces): type names derived as ElasticsearchException.getExceptionName
// does, and stack_trace texts shaped like Java's printStackTrace, including Elasticsearch's own quirks (the
// anonymous wrapper of a plain Java root cause, the index before an exception that carries one).
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../src/check.js';
import { checkStackTraces, exceptionName } from '../src/checks/stack-traces.js';

/** A context that only records failed verifications. */
function recorder(): { ctx: CheckContext; failures: string[] } {
  const failures: string[] = [];
  const ctx = {
    verify(_requirements: unknown, ok: boolean, message: string) {
      if (!ok) failures.push(message);
      return ok;
    },
  } as unknown as CheckContext;
  return { ctx, failures };
}

describe('exceptionName', () => {
  it.each([
    ['org.elasticsearch.ElasticsearchException', 'exception'],
    ['org.elasticsearch.ElasticsearchStatusException', 'status_exception'],
    ['org.elasticsearch.ResourceNotFoundException', 'resource_not_found_exception'],
    ['org.elasticsearch.ElasticsearchSecurityException', 'security_exception'],
    ['org.elasticsearch.xcontent.XContentEOFException', 'x_content_e_o_f_exception'],
    ['java.lang.IllegalArgumentException', 'illegal_argument_exception'],
    ['org.elasticsearch.rest.RestRequest$MediaTypeHeaderException', 'media_type_header_exception'],
  ])('%s → %s', (javaClass, type) => {
    expect(exceptionName(javaClass)).toBe(type);
  });
});

const frames =
  '\n\tat org.elasticsearch.Foo.bar(Foo.java:1)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)';

describe('checkStackTraces', () => {
  it('accepts a chain whose traces name each exception, and a wrapped plain Java root cause', () => {
    const reason = '[1:12] [cluster:admin/xpack/ml/job/close] failed to parse field [timeout]';
    const iae = 'failed to parse [1.5s], fractional time values are not supported';
    const nfe = 'For input string: "1.5"';
    const body = {
      error: {
        root_cause: [
          {
            type: 'x_content_parse_exception',
            reason,
            stack_trace: `org.elasticsearch.ElasticsearchException$1: ${reason}${frames}\nCaused by: org.elasticsearch.xcontent.XContentParseException: ${reason}${frames}`,
          },
        ],
        type: 'x_content_parse_exception',
        reason,
        caused_by: {
          type: 'illegal_argument_exception',
          reason: iae,
          caused_by: {
            type: 'number_format_exception',
            reason: nfe,
            stack_trace: `java.lang.NumberFormatException: ${nfe}${frames}`,
          },
          stack_trace: `java.lang.IllegalArgumentException: ${iae}${frames}\nCaused by: java.lang.NumberFormatException: ${nfe}${frames}`,
        },
        stack_trace: `org.elasticsearch.xcontent.XContentParseException: ${reason}${frames}\nCaused by: java.lang.IllegalArgumentException: ${iae}${frames}\nCaused by: java.lang.NumberFormatException: ${nfe}\n\t... 2 more`,
      },
      status: 400,
    };
    const { ctx, failures } = recorder();
    checkStackTraces(ctx, body, 'wrapped');
    expect(failures).toEqual([]);
  });

  // ElasticsearchException.toString(): Index.toString() (`[name]`, `[name/uuid]` once the uuid is known), then
  // `[` + ShardId.toString() + `]` for an exception that carries a shard; nothing without an index.
  describe('the index before an exception that carries one', () => {
    const reason = 'r';
    const na = { index: 'x', index_uuid: '_na_' };
    const known = { index: 'x', index_uuid: 'u1' };
    it.each([
      { what: 'an unknown uuid', fields: na, prefix: '[x] ', ok: true },
      { what: 'a known uuid', fields: known, prefix: '[x/u1] ', ok: true },
      { what: 'a shard', fields: { ...known, shard: '0' }, prefix: '[x/u1][[x][0]] ', ok: true },
      { what: 'no prefix although the exception carries an index', fields: na, prefix: '', ok: false },
      { what: 'the uuid although it is unknown', fields: na, prefix: '[x/_na_] ', ok: false },
      { what: 'no uuid although it is known', fields: known, prefix: '[x] ', ok: false },
      { what: 'a prefix without an index', fields: {}, prefix: '[x] ', ok: false },
    ])('$what: $ok', ({ fields, prefix, ok }) => {
      const first = `${prefix}org.elasticsearch.index.IndexNotFoundException: ${reason}`;
      const error = {
        type: 'index_not_found_exception',
        reason,
        ...fields,
        stack_trace: `${first}${frames}`,
      };
      const { ctx, failures } = recorder();
      checkStackTraces(ctx, { error: { root_cause: [error], ...error }, status: 404 }, 'elasticsearch');
      expect(failures.length === 0).toBe(ok);
    });
  });

  it.each([
    ['a class that does not give the type', 'org.elasticsearch.ElasticsearchException: No known job'],
    ['another reason', 'org.elasticsearch.ResourceNotFoundException: something else'],
    ['no class at all', ': No known job'],
  ])('rejects %s', (_what, firstLine) => {
    const error = { type: 'resource_not_found_exception', reason: 'No known job' };
    const body = {
      error: { root_cause: [{ ...error, stack_trace: firstLine }], ...error, stack_trace: firstLine },
      status: 404,
    };
    const { ctx, failures } = recorder();
    checkStackTraces(ctx, body, 'elasticsearch');
    expect(failures.length).toBeGreaterThan(0);
  });

  describe('a root cause that is a plain Java exception', () => {
    const reason = 'Timed out when waiting for persistent tasks after 100ms';
    const error = { type: 'illegal_state_exception', reason };
    const own = `java.lang.IllegalStateException: ${reason}${frames}`;
    const wrapped = `org.elasticsearch.ElasticsearchException$1: ${reason}${frames}\nCaused by: ${own}`;
    const body = (rootTrace: string) => ({
      error: { root_cause: [{ ...error, stack_trace: rootTrace }], ...error, stack_trace: own },
      status: 500,
    });
    it.each([
      { what: "Elasticsearch's wrapper, then the exception", mode: 'wrapped', trace: wrapped, ok: true },
      {
        what: "Elasticsearch's wrapper, then the exception",
        mode: 'elasticsearch',
        trace: wrapped,
        ok: false,
      },
      { what: 'another wrapper number', mode: 'wrapped', trace: wrapped.replace('$1', '$12'), ok: true },
      { what: 'the exception itself', mode: 'elasticsearch', trace: own, ok: true },
      { what: 'the exception itself', mode: 'wrapped', trace: own, ok: false },
      {
        what: 'the wrapper without its "Caused by:" line',
        mode: 'wrapped',
        trace: `org.elasticsearch.ElasticsearchException$1: ${reason}${frames}`,
        ok: false,
      },
      {
        what: 'the wrapper with another reason',
        mode: 'wrapped',
        trace: wrapped.replace(`$1: ${reason}`, '$1: something else'),
        ok: false,
      },
      {
        what: 'another first line, the exception only further down',
        mode: 'elasticsearch',
        trace: `org.elasticsearch.ElasticsearchException: ${reason}${frames}\nCaused by: ${own}`,
        ok: false,
      },
    ] as const)('$what ($mode): $ok', ({ mode, trace, ok }) => {
      const { ctx, failures } = recorder();
      checkStackTraces(ctx, body(trace), mode);
      expect(failures.length === 0).toBe(ok);
    });
  });

  it('rejects a trace without the "Caused by:" line of its caused_by, and a missing stack_trace', () => {
    const body = {
      error: {
        root_cause: [{ type: 'status_exception', reason: 'outer' }],
        type: 'status_exception',
        reason: 'outer',
        caused_by: {
          type: 'exception',
          reason: 'inner',
          stack_trace: 'org.elasticsearch.ElasticsearchException: inner',
        },
        stack_trace: `org.elasticsearch.ElasticsearchStatusException: outer${frames}`,
      },
      status: 500,
    };
    const { ctx, failures } = recorder();
    checkStackTraces(ctx, body, 'elasticsearch');
    expect(failures).toEqual([
      'error.stack_trace has a "Caused by: <java class>: <reason>" line for error.caused_by',
      'error.root_cause[0].stack_trace is a string',
    ]);
  });
});
