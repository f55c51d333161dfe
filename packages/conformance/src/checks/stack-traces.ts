// Stack traces under ?error_trace=true: what printStackTrace text must name, checked on every rendered exception.
import type { RequirementId } from '@mlclose/schema';
import type { CheckContext } from '../check.js';

/**
 * ElasticsearchException.getExceptionName for a Java binary class name: the simple name (after the package and
 * any enclosing class), a leading `Elasticsearch` dropped, then Strings.toUnderscoreCase (every upper-case
 * letter after the first becomes `_` and its lower case).
 */
export function exceptionName(javaClass: string): string {
  let simple = javaClass.slice(javaClass.lastIndexOf('.') + 1);
  simple = simple.slice(simple.lastIndexOf('$') + 1);
  if (simple.startsWith('Elasticsearch')) simple = simple.slice('Elasticsearch'.length);
  let out = '';
  for (let i = 0; i < simple.length; i++) {
    const c = simple.charAt(i);
    const upper = c !== c.toLowerCase() && c === c.toUpperCase();
    out += upper ? `${i === 0 ? '' : '_'}${c.toLowerCase()}` : c;
  }
  return out;
}

/**
 * What ElasticsearchException.toString() puts before the class name: the exception's index when it carries one
 * (the `index` and `index_uuid` fields, from setIndex) as Index.toString() writes it, `[name]`, or `[name/uuid]`
 * when the uuid is known (not `_na_`); then, when it carries a shard too, `[` + ShardId.toString() + `]`, that is
 * `[[name][0]]`; then a space. An exception without an index (and every plain Java exception) has no prefix.
 */
function indexPrefix(exception: Record<string, unknown>): string {
  const { index, index_uuid: uuid, shard } = exception;
  if (typeof index !== 'string') return '';
  const name = typeof uuid === 'string' && uuid !== '_na_' ? `[${index}/${uuid}]` : `[${index}]`;
  return `${name}${typeof shard === 'string' ? `[[${index}][${shard}]]` : ''} `;
}

// A Java binary class name.
const JAVA_CLASS = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/u;

/**
 * Where the exceptions of a printStackTrace text start: the first line (0) and every `Caused by: ` line, each
 * its exception's Throwable.toString().
 */
function exceptionStarts(trace: string): number[] {
  const starts = [0];
  for (let at = trace.indexOf('\nCaused by: '); at >= 0; at = trace.indexOf('\nCaused by: ', at + 1))
    starts.push(at + '\nCaused by: '.length);
  return starts;
}

/** The Java class named at `start` in `trace` right after `prefix`, and where it starts. */
function classAt(
  trace: string,
  start: number,
  prefix: string,
): { javaClass: string; at: number } | undefined {
  if (!trace.startsWith(prefix, start)) return undefined;
  const at = start + prefix.length;
  const match = JAVA_CLASS.exec(trace.slice(at));
  return match ? { javaClass: match[0], at } : undefined;
}

/**
 * Does `trace` name, at `start`, the rendered `exception` as Throwable.toString() does: its index prefix, a class
 * whose simple name gives its `type`, and its `reason`?
 */
function namesException(trace: string, start: number, exception: Record<string, unknown>): boolean {
  const named = classAt(trace, start, indexPrefix(exception));
  return (
    named !== undefined &&
    exceptionName(named.javaClass) === exception.type &&
    namesReason(trace, named.at, named.javaClass, exception.reason)
  );
}

/** Is `javaClass`, at `at` in `trace`, followed by the message `reason` (Throwable.toString())? */
function namesReason(trace: string, at: number, javaClass: string, reason: unknown): boolean {
  const rest = trace.slice(at + javaClass.length);
  // A null message prints the class name alone; ElasticsearchException.toString() trims the line's end.
  if (reason === null) return rest === '' || rest.startsWith('\n') || rest.startsWith('\r\n');
  return typeof reason === 'string' && rest.startsWith(`: ${reason}`.trimEnd());
}

// The anonymous ElasticsearchException subclass ElasticsearchException.guessRootCauses wraps a plain Java root
// cause in. Its number is the compiler's, so any is accepted.
const ROOT_WRAPPER = /^org\.elasticsearch\.ElasticsearchException\$\d+$/;

/**
 * What a root_cause entry is (ElasticsearchException.guessRootCauses), which decides how its stack_trace starts.
 * - `elasticsearch`: an Elasticsearch exception, rendered itself: its trace starts with its own toString().
 * - `wrapped`: a plain Java exception, rendered through the anonymous wrapper: its trace starts
 *   `org.elasticsearch.ElasticsearchException$<n>: <reason>` and names the exception on a `Caused by:` line.
 */
export type RootTrace = 'elasticsearch' | 'wrapped';

/**
 * With ?error_trace=true (CJ-FMT-004), every rendered exception carries `stack_trace`: the top level, each
 * root_cause entry and each caused_by. It is the exception's printStackTrace text (CJ-FMT-007): it starts with
 * Throwable.toString(), `<fully qualified class>: <reason>`, where the class's simple name gives `type`
 * (ElasticsearchException.getExceptionName), after the index when the exception carries one (`[index] `,
 * ElasticsearchException.toString()), and every cause appears in it as a `Caused by: <class>: <reason>` line. A
 * root_cause entry's trace starts with the exception itself, or with the wrapper of a plain Java exception
 * (`rootTrace`, CJ-FMT-008). Only class names and messages are asserted; the frames are the implementation's own.
 */
export function checkStackTraces(
  ctx: CheckContext,
  body: unknown,
  rootTrace: RootTrace,
  /** Requirement ids cited beside the trace requirements (the check's own). */
  requirements: readonly RequirementId[] = [],
): void {
  const carries: readonly RequirementId[] = ['CJ-FMT-004', ...requirements];
  const names: readonly RequirementId[] = ['CJ-FMT-007', ...requirements];
  const rootForm: readonly RequirementId[] = ['CJ-FMT-008', ...requirements];
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null) {
    ctx.verify(carries, false, 'the detailed error envelope', 'object', error);
    return;
  }
  type ErrorObject = Record<string, unknown>;
  const expected = (object: ErrorObject) => `${indexPrefix(object)}<class named like ${String(object.type)}>`;
  const verifyOwn = (object: ErrorObject, where: string): string | undefined => {
    const trace = object.stack_trace;
    if (!ctx.verify(carries, typeof trace === 'string', `${where}.stack_trace is a string`, 'string', trace))
      return undefined;
    const text = trace as string;
    ctx.verify(
      names,
      namesException(text, 0, object),
      `${where}.stack_trace starts with "<java class>: <reason>", the class's simple name giving ${where}.type`,
      `${expected(object)}: ${String(object.reason)}`,
      text.split('\n', 1)[0],
    );
    return text;
  };
  let object = error as ErrorObject;
  let where = 'error';
  let trace = verifyOwn(object, where);
  for (
    let depth = 0;
    depth < 10 && typeof object.caused_by === 'object' && object.caused_by !== null;
    depth++
  ) {
    const cause = object.caused_by as ErrorObject;
    if (trace !== undefined) {
      const parentTrace = trace;
      ctx.verify(
        names,
        exceptionStarts(parentTrace).some((start) => start > 0 && namesException(parentTrace, start, cause)),
        `${where}.stack_trace has a "Caused by: <java class>: <reason>" line for ${where}.caused_by`,
        `Caused by: ${expected(cause)}: ${String(cause.reason)}`,
        parentTrace.slice(0, 500),
      );
    }
    where = `${where}.caused_by`;
    object = cause;
    trace = verifyOwn(object, where);
  }
  const roots = (error as ErrorObject).root_cause;
  for (const [index, root] of (Array.isArray(roots) ? (roots as ErrorObject[]) : []).entries()) {
    const rootTraceText = root.stack_trace;
    if (
      !ctx.verify(
        carries,
        typeof rootTraceText === 'string',
        `error.root_cause[${index}].stack_trace is a string`,
        'string',
        rootTraceText,
      )
    )
      continue;
    const text = rootTraceText as string;
    if (rootTrace === 'elasticsearch') {
      ctx.verify(
        rootForm,
        namesException(text, 0, root),
        `error.root_cause[${index}].stack_trace, an Elasticsearch exception, starts with the exception itself as "<java class>: <reason>"`,
        `${expected(root)}: ${String(root.reason)}`,
        text.slice(0, 500),
      );
      continue;
    }
    const wrapper = classAt(text, 0, '');
    ctx.verify(
      rootForm,
      wrapper !== undefined &&
        ROOT_WRAPPER.test(wrapper.javaClass) &&
        namesReason(text, wrapper.at, wrapper.javaClass, root.reason) &&
        exceptionStarts(text).some((start) => start > 0 && namesException(text, start, root)),
      `error.root_cause[${index}].stack_trace, a plain Java exception, starts with Elasticsearch's wrapper "org.elasticsearch.ElasticsearchException$<n>: <reason>" and names the exception on a "Caused by:" line`,
      `org.elasticsearch.ElasticsearchException$<n>: ${String(root.reason)} ... Caused by: <class named like ${String(root.type)}>: ${String(root.reason)}`,
      text.slice(0, 500),
    );
  }
}
