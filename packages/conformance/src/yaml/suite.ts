// The structure of a YAML test file, as Elastic's ClientYamlTestSuite reads it: an optional file-level
// `requires` document, `setup` and `teardown` sections, then named tests. Every section is a list of steps; a
// section may start with `skip` and/or `requires` (its prerequisites). Parsing is strict: a malformed file is an
// error naming the file and the section.
import { isMap, javaToString, type JavaValue } from './java-values.js';
import { parseJsonStream } from './json-values.js';
import { parsePrerequisites, type Prerequisites } from './prerequisites.js';
import { compileJavaRegex } from './java-regex.js';
import { SuiteParseError } from './parse-error.js';

export { SuiteParseError };

export interface DoStep {
  kind: 'do';
  api: string;
  /** Parameters as strings, as Elastic's runner reads them (`parser.text()`); lists are joined with `,`. */
  params: Record<string, string>;
  /** One body, or several sent as newline-delimited JSON. */
  bodies: JavaValue[];
  headers: Record<string, string>;
  catch?: string;
  warnings: string[];
  warningsRegex: RegExp[];
  allowedWarnings: string[];
  allowedWarningsRegex: RegExp[];
  /** Present when the step names a node selector, which this runner ignores (one endpoint). */
  nodeSelector?: JavaValue;
}

export const ASSERTIONS = [
  'match',
  'is_true',
  'is_false',
  'length',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'close_to',
] as const;
export type AssertionKind = (typeof ASSERTIONS)[number];

export interface AssertStep {
  kind: AssertionKind;
  field: string;
  expected: JavaValue;
}

export interface SetStep {
  kind: 'set' | 'transform_and_set';
  /** set: [response path, stash key]; transform_and_set: [stash key, transformation or path], as written. */
  entries: Array<[string, string]>;
}

/** A step kind this runner does not know: the test fails with the name. */
export interface UnknownStep {
  kind: 'unknown';
  name: string;
}

export type Step = DoStep | AssertStep | SetStep | UnknownStep;

export interface Section {
  prerequisites: Prerequisites | undefined;
  steps: Step[];
}

export interface TestCase {
  name: string;
  section: Section;
}

export interface TestSuite {
  /** Prerequisites of the whole file (a leading `requires` document, as in elasticsearch-clients-tests). */
  requires: Prerequisites | undefined;
  setup: Section | undefined;
  teardown: Section | undefined;
  tests: TestCase[];
}

function fail(where: string, message: string): never {
  throw new SuiteParseError(`${where}: ${message}`);
}

function singleEntry(value: JavaValue, where: string): [string, JavaValue] {
  if (!isMap(value)) fail(where, `expected an object with one field, got ${javaToString(value)}`);
  const entries = Object.entries(value);
  if (entries.length !== 1)
    fail(where, `expected exactly one field, got [${entries.map(([k]) => k).join(', ')}]`);
  return entries[0]!;
}

function paramText(value: JavaValue, where: string): string {
  if (Array.isArray(value)) return value.map((item) => paramText(item, where)).join(',');
  if (isMap(value)) fail(where, 'a parameter must be a value or a list of values');
  return javaToString(value);
}

function stringList(value: JavaValue, where: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    fail(where, 'must be a string array');
  return value as string[];
}

function parseBodies(value: JavaValue, where: string): JavaValue[] {
  const fromString = (text: string): JavaValue[] => {
    try {
      return parseJsonStream(text);
    } catch (error) {
      return fail(where, `body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  if (typeof value === 'string') return fromString(value);
  if (Array.isArray(value))
    return value.flatMap((item) => (typeof item === 'string' ? fromString(item) : [item]));
  if (isMap(value)) return [value];
  return fail(where, `body must be an object, a list or a JSON string, got ${javaToString(value)}`);
}

function parseDo(value: JavaValue, where: string): DoStep {
  if (!isMap(value)) fail(where, 'the do section is not an object (is it properly indented?)');
  const step: DoStep = {
    kind: 'do',
    api: '',
    params: {},
    bodies: [],
    headers: {},
    warnings: [],
    warningsRegex: [],
    allowedWarnings: [],
    allowedWarningsRegex: [],
  };
  let api: string | undefined;
  const regexes = (list: string[], name: string) =>
    list.map((source) => {
      try {
        return compileJavaRegex(source, { comments: false, anchored: true });
      } catch (error) {
        return fail(where, `[${name}] ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'catch') {
      if (isMap(raw) || Array.isArray(raw)) fail(where, 'catch must be a value');
      step.catch = javaToString(raw);
    } else if (key === 'warnings') step.warnings = stringList(raw, `${where} [warnings]`);
    else if (key === 'warnings_regex')
      step.warningsRegex = regexes(stringList(raw, `${where} [warnings_regex]`), key);
    else if (key === 'allowed_warnings')
      step.allowedWarnings = stringList(raw, `${where} [allowed_warnings]`);
    else if (key === 'allowed_warnings_regex')
      step.allowedWarningsRegex = regexes(stringList(raw, `${where} [allowed_warnings_regex]`), key);
    else if (key === 'headers') {
      if (!isMap(raw)) fail(where, 'headers must be an object');
      for (const [name, headerValue] of Object.entries(raw))
        step.headers[name] = paramText(headerValue, where);
    } else if (key === 'node_selector') step.nodeSelector = raw;
    else {
      if (api !== undefined) fail(where, `a do section calls one API, found [${api}] and [${key}]`);
      api = key;
      if (raw === null) continue;
      if (!isMap(raw)) fail(where, `the parameters of [${key}] must be an object`);
      for (const [param, paramValue] of Object.entries(raw)) {
        if (param === 'body') step.bodies = parseBodies(paramValue, `${where} [${key}.body]`);
        else step.params[param] = paramText(paramValue, `${where} [${key}.${param}]`);
      }
    }
  }
  if (api === undefined) fail(where, 'client call section is mandatory within a do section');
  step.api = api;
  for (const warning of step.warnings)
    if (step.allowedWarnings.includes(warning))
      fail(where, `the warning [${warning}] was both allowed and expected`);
  return step;
}

function parseStep(raw: JavaValue, where: string): Step {
  const [name, value] = singleEntry(raw, where);
  if (name === 'do') return parseDo(value, where);
  if (name === 'set' || name === 'transform_and_set') {
    if (!isMap(value) || Object.keys(value).length === 0) fail(where, `${name} must be an object`);
    return {
      kind: name,
      entries: Object.entries(value).map(([source, key]) => {
        // Elastic's parser takes any scalar's text; objects and lists are not values.
        if (key === null || isMap(key) || Array.isArray(key))
          fail(where, `${name}: the value of [${source}] must be a value`);
        return [source, javaToString(key)];
      }),
    };
  }
  if ((ASSERTIONS as readonly string[]).includes(name)) {
    const kind = name as AssertionKind;
    if (kind === 'is_true' || kind === 'is_false') {
      if (isMap(value) || Array.isArray(value)) fail(where, `${kind} takes a field name`);
      return { kind, field: value === null ? '' : javaToString(value), expected: null };
    }
    const [field, expected] = singleEntry(value, `${where} [${kind}]`);
    if (kind === 'close_to') {
      if (!isMap(expected) || !('value' in expected) || !('error' in expected))
        fail(where, 'close_to needs { value: N, error: N }');
    }
    return { kind, field, expected };
  }
  return { kind: 'unknown', name };
}

function parseSection(raw: JavaValue, where: string): Section {
  if (raw === null) return { prerequisites: undefined, steps: [] };
  if (!Array.isArray(raw)) fail(where, 'a section must be a list of steps');
  let index = 0;
  const prerequisiteItems: Array<[string, JavaValue]> = [];
  while (index < raw.length) {
    const item = raw[index];
    if (!isMap(item)) break;
    const keys = Object.keys(item);
    if (keys.length !== 1 || (keys[0] !== 'skip' && keys[0] !== 'requires')) break;
    prerequisiteItems.push([keys[0], item[keys[0]]!]);
    index++;
  }
  const prerequisites =
    prerequisiteItems.length > 0 ? parsePrerequisites(prerequisiteItems, where) : undefined;
  const steps = raw.slice(index).map((step, i) => {
    const stepWhere = `${where} step ${index + i + 1}`;
    if (isMap(step) && ('skip' in step || 'requires' in step))
      fail(stepWhere, 'skip and requires must come first in a section');
    return parseStep(step, stepWhere);
  });
  return { prerequisites, steps };
}

/** Builds a suite from the documents of one file. */
export function parseSuite(documents: readonly JavaValue[], file: string): TestSuite {
  const suite: TestSuite = { requires: undefined, setup: undefined, teardown: undefined, tests: [] };
  const names = new Set<string>();
  documents.forEach((document, d) => {
    const where = `${file} document ${d + 1}`;
    if (!isMap(document)) fail(where, 'expected an object');
    for (const [name, body] of Object.entries(document)) {
      if (name === 'requires' && d === 0 && suite.tests.length === 0) {
        suite.requires = parsePrerequisites([['requires', body]], `${where} [requires]`, { fileLevel: true });
      } else if (name === 'setup' || name === 'teardown') {
        if (suite[name] !== undefined) fail(where, `more than one ${name} section`);
        suite[name] = parseSection(body, `${file} [${name}]`);
      } else {
        if (names.has(name)) fail(where, `duplicate test section [${name}]`);
        names.add(name);
        suite.tests.push({ name, section: parseSection(body, `${file} [${name}]`) });
      }
    }
  });
  if (suite.tests.length === 0) fail(file, 'no test sections');
  return suite;
}
