// java.util.regex patterns as JS RegExps. `match: /.../` uses Pattern.COMMENTS: whitespace is ignored and `#`
// starts a comment to the end of the line, everywhere outside `\Q...\E` and escapes, including inside a character
// class (Java differs from Perl there). `$` without MULTILINE also matches before a final line terminator, `\A`,
// `\z` and `\Z` are anchors, `\Q...\E` quotes, and leading `(?i)`, `(?s)`, `(?m)`, `(?x)` flags are honoured.
// Constructs JS has no equivalent for (possessive quantifiers, atomic groups) are an error, never a silent
// mismatch.

export interface JavaRegexOptions {
  /** Pattern.COMMENTS. */
  comments: boolean;
  /** Matcher.matches() (the whole input) instead of find(). */
  anchored: boolean;
}

export class JavaRegexError extends Error {
  override name = 'JavaRegexError';
}

const LINE_END = '(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?$)';

function quote(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** Translates a Java regex to a JS RegExp; throws JavaRegexError for what JS cannot express. */
export function compileJavaRegex(source: string, options: JavaRegexOptions): RegExp {
  let comments = options.comments;
  let flags = '';
  let multiline = false;
  let rest = source;
  // Leading inline flags, e.g. (?s) or (?ix).
  for (;;) {
    const inline = /^\(\?([imsxu]+)\)/.exec(rest);
    if (!inline) break;
    for (const flag of inline[1]!) {
      if (flag === 'x') comments = true;
      else if (flag === 'm') multiline = true;
      else if (flag === 'u') continue;
      else if (!flags.includes(flag)) flags += flag;
    }
    rest = rest.slice(inline[0].length);
  }
  let out = '';
  let inClass = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      const next = rest[i + 1];
      if (next === undefined) throw new JavaRegexError(`trailing backslash in /${source}/`);
      if (next === 'Q') {
        const end = rest.indexOf('\\E', i + 2);
        const literal = rest.slice(i + 2, end < 0 ? undefined : end);
        out += quote(literal);
        i = end < 0 ? rest.length : end + 1;
        continue;
      }
      if (inClass === 0 && next === 'A') out += '^';
      else if (inClass === 0 && next === 'z') out += '$';
      else if (inClass === 0 && next === 'Z') out += LINE_END;
      else if (next === 'h')
        out += inClass
          ? ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000'
          : '[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]';
      else if (next === 'p' || next === 'P' || next === 'G' || next === 'R' || next === 'X')
        throw new JavaRegexError(`\\${next} is not supported in /${source}/`);
      else if (comments && (next === ' ' || next === '#')) out += next === ' ' ? ' ' : '#';
      else out += `\\${next}`;
      i++;
      continue;
    }
    if (comments && /\s/.test(c)) continue;
    if (comments && c === '#') {
      while (i < rest.length && rest[i] !== '\n') i++;
      continue;
    }
    if (c === '[') {
      // Java allows nested classes and && intersections; JS does not.
      if (inClass > 0) throw new JavaRegexError(`nested character classes are not supported in /${source}/`);
      inClass++;
      out += c;
      if (rest[i + 1] === '^') {
        out += '^';
        i++;
      }
      // A `]` right after `[` or `[^` is a literal in Java.
      if (rest[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === ']' && inClass > 0) {
      inClass--;
      out += c;
      continue;
    }
    if (inClass > 0) {
      if (c === '&' && rest[i + 1] === '&')
        throw new JavaRegexError(`class intersection is not supported in /${source}/`);
      out += c === '/' ? '\\/' : c;
      continue;
    }
    if (c === '$' && !multiline) {
      out += LINE_END;
      continue;
    }
    if (c === '(' && rest[i + 1] === '?' && rest[i + 2] === '>')
      throw new JavaRegexError(`atomic groups are not supported in /${source}/`);
    if (c === '+' && i > 0 && /[*+?}]/.test(rest[i - 1]!) && rest[i - 2] !== '\\')
      throw new JavaRegexError(`possessive quantifiers are not supported in /${source}/`);
    out += c;
  }
  if (inClass > 0) throw new JavaRegexError(`unclosed character class in /${source}/`);
  if (multiline) flags += 'm';
  const body = options.anchored ? `^(?:${out})$` : out;
  try {
    return new RegExp(body, flags);
  } catch (error) {
    throw new JavaRegexError(
      `/${source}/ is not a valid pattern: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
