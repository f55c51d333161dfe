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

// A Java binary class name at the start of a Throwable.toString() line. ElasticsearchException.toString() puts
// the index (and shard) first when the exception carries them: `[index] ` or `[index][0] `.
const JAVA_CLASS = /^(?:\[[^\]\n]*\](?:\[\d+\])? )?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/u;

/**
 * The exceptions a printStackTrace text names: the first line (`start` 0) and every `Caused by: ` line, as
 * Throwable.toString() wrote them (`<binary class name>: <message>`). `at` is where the class name starts.
 */
function tracedExceptions(trace: string): { javaClass: string; at: number; start: number }[] {
  const found: { javaClass: string; at: number; start: number }[] = [];
  const starts = [0];
  for (let at = trace.indexOf('\nCaused by: '); at >= 0; at = trace.indexOf('\nCaused by: ', at + 1))
    starts.push(at + '\nCaused by: '.length);
  for (const start of starts) {
    const match = JAVA_CLASS.exec(trace.slice(start));
    if (match) found.push({ javaClass: match[1]!, at: start + match[0].length - match[1]!.length, start });
  }
  return found;
}

/** Does `trace` name, at `at`, an exception of `type` with the message `reason` (Throwable.toString())? */
function namesException(
  trace: string,
  at: number,
  javaClass: string,
  type: unknown,
  reason: unknown,
): boolean {
  return exceptionName(javaClass) === type && namesReason(trace, at, javaClass, reason);
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

/** How a root_cause entry's stack_trace may start. */
export type RootTrace =
  /** Either form below: the suite does not know which exceptions are plain Java ones. */
  | 'either'
  /** The root cause is a plain Java exception: the wrapper `ElasticsearchException$<n>: <reason>`, then a
   * `Caused by: <class>: <reason>` line for the exception. */
  | 'wrapped';

/**
 * With ?error_trace=true (CJ-FMT-004), every rendered exception carries `stack_trace`: the top level, each
 * root_cause entry and each caused_by. It is the exception's printStackTrace text: it starts with
 * Throwable.toString(), `<fully qualified class>: <reason>`, where the class's simple name gives `type`
 * (ElasticsearchException.getExceptionName), and every cause appears in it as a `Caused by: <class>: <reason>`
 * line. A root_cause entry is either an Elasticsearch exception (its trace starts with itself) or a plain Java
 * exception that ElasticsearchException.guessRootCauses wrapped in an anonymous subclass (its trace starts
 * `org.elasticsearch.ElasticsearchException$<n>: <reason>`, and names the exception on a `Caused by:` line);
 * `rootTrace: 'wrapped'` says the check knows it is the second. Only class names and messages are asserted; the
 * frames are the implementation's own. An exception carrying an index may put it first (`[index] <class>:
 * <reason>`, ElasticsearchException.toString()).
 */
export function checkStackTraces(
  ctx: CheckContext,
  body: unknown,
  requirements: readonly RequirementId[],
  rootTrace: RootTrace = 'either',
): void {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null) {
    ctx.verify(requirements, false, 'the detailed error envelope', 'object', error);
    return;
  }
  type ErrorObject = Record<string, unknown>;
  const verifyOwn = (object: ErrorObject, where: string): string | undefined => {
    const trace = object.stack_trace;
    if (
      !ctx.verify(
        requirements,
        typeof trace === 'string',
        `${where}.stack_trace is a string`,
        'string',
        trace,
      )
    )
      return undefined;
    const text = trace as string;
    const first = tracedExceptions(text).find(({ start }) => start === 0);
    ctx.verify(
      requirements,
      first !== undefined && namesException(text, first.at, first.javaClass, object.type, object.reason),
      `${where}.stack_trace starts with "<java class>: <reason>", the class's simple name giving ${where}.type`,
      `<class named like ${String(object.type)}>: ${String(object.reason)}`,
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
        requirements,
        tracedExceptions(parentTrace).some(
          ({ javaClass, at }) =>
            at > 0 && namesException(parentTrace, at, javaClass, cause.type, cause.reason),
        ),
        `${where}.stack_trace has a "Caused by: <java class>: <reason>" line for ${where}.caused_by`,
        `Caused by: <class named like ${String(cause.type)}>: ${String(cause.reason)}`,
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
        requirements,
        typeof rootTraceText === 'string',
        `error.root_cause[${index}].stack_trace is a string`,
        'string',
        rootTraceText,
      )
    )
      continue;
    const text = rootTraceText as string;
    const traced = tracedExceptions(text);
    const first = traced.find(({ start }) => start === 0);
    const itself =
      first !== undefined && namesException(text, first.at, first.javaClass, root.type, root.reason);
    const wrapped =
      first !== undefined &&
      ROOT_WRAPPER.test(first.javaClass) &&
      namesReason(text, first.at, first.javaClass, root.reason) &&
      traced.some(
        ({ javaClass, at }) => at > 0 && namesException(text, at, javaClass, root.type, root.reason),
      );
    if (rootTrace === 'wrapped')
      ctx.verify(
        requirements,
        wrapped,
        `error.root_cause[${index}].stack_trace, a plain Java exception, starts with Elasticsearch's wrapper "org.elasticsearch.ElasticsearchException$<n>: <reason>" and names the exception on a "Caused by:" line`,
        `org.elasticsearch.ElasticsearchException$<n>: ${String(root.reason)} ... Caused by: <class named like ${String(root.type)}>: ${String(root.reason)}`,
        text.slice(0, 500),
      );
    else
      ctx.verify(
        requirements,
        itself || wrapped,
        `error.root_cause[${index}].stack_trace starts with its exception as "<java class>: <reason>", or with Elasticsearch's wrapper of a plain Java exception followed by a "Caused by:" line naming it`,
        `<class named like ${String(root.type)}>: ${String(root.reason)}`,
        text.slice(0, 500),
      );
  }
}
