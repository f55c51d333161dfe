// `skip` and `requires` sections, read and evaluated as Elastic's PrerequisiteSection does: a test runs when every
// `requires` criterion holds and no `skip` criterion does. A runner feature this runner lacks always skips, naming
// the feature; `awaits_fix` always skips. Version ranges compare with the target's version (GET /). Cluster
// features: `gte_vX.Y.Z` ("historical" features) are derived from that version; any other is present only when
// the caller lists it (the target's feature set is not observable over the REST API of a non-Elasticsearch server).
import { isMap, javaToString, type JavaValue } from './java-values.js';
import { SuiteParseError } from './parse-error.js';

/** Runner features of Elastic's Features list that this runner implements. */
export const SUPPORTED_FEATURES: readonly string[] = [
  'allowed_warnings',
  'allowed_warnings_regex',
  'arbitrary_key',
  'catch_unauthorized',
  'close_to',
  'contains',
  'default_shards',
  'embedded_stash_key',
  'headers',
  // Accepted and ignored: the runner talks to one endpoint (noted in the test's result).
  'node_selector',
  'stash_in_key',
  'stash_in_path',
  'stash_path_replace',
  'transform_and_set',
  'warnings',
  'warnings_regex',
];

export interface CapabilitiesCheck {
  method: string;
  path: string;
  parameters?: string;
  capabilities?: string;
}

export interface Prerequisites {
  skipReason?: string;
  requiresReason?: string;
  runnerFeatures: string[];
  xpack?: 'required' | 'skip';
  skipVersion?: string;
  skipOs: string[];
  skipClusterFeatures: string[];
  requireClusterFeatures: string[];
  knownIssues: Array<{ clusterFeature: string; fixedBy: string }>;
  awaitsFix?: string;
  skipCapabilities: CapabilitiesCheck[];
  requireCapabilities: CapabilitiesCheck[];
  /** File-level `requires` of elasticsearch-clients-tests: which flavours the file runs on. */
  stack?: boolean;
  serverless?: boolean;
}

function fail(where: string, message: string): never {
  throw new SuiteParseError(`${where}: ${message}`);
}

function strings(value: JavaValue, where: string, field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.some((item) => isMap(item) || Array.isArray(item) || item === null))
    fail(where, `[${field}] must be a string or a list of strings`);
  return list.map((item) => javaToString(item));
}

function capabilities(value: JavaValue, where: string): CapabilitiesCheck[] {
  if (!Array.isArray(value)) fail(where, '[capabilities] must be a list');
  return value.map((item) => {
    if (!isMap(item)) fail(where, '[capabilities] entries must be objects');
    const unknown = Object.keys(item).filter(
      (k) => !['method', 'path', 'parameters', 'capabilities'].includes(k),
    );
    if (unknown.length > 0) fail(where, `[capabilities] unknown field(s) ${unknown.join(', ')}`);
    if (typeof item.path !== 'string') fail(where, '[capabilities] path is required');
    const joined = (v: JavaValue | undefined) =>
      v === undefined ? undefined : strings(v, where, 'capabilities').join(',');
    const check: CapabilitiesCheck = {
      method: item.method === undefined ? 'GET' : javaToString(item.method),
      path: item.path,
    };
    const parameters = joined(item.parameters);
    const caps = joined(item.capabilities);
    if (parameters !== undefined) check.parameters = parameters;
    if (caps !== undefined) check.capabilities = caps;
    return check;
  });
}

/** Reads consecutive `skip`/`requires` entries of a section (or a file-level `requires`). */
export function parsePrerequisites(
  items: ReadonlyArray<[string, JavaValue]>,
  where: string,
  options: { fileLevel?: boolean } = {},
): Prerequisites {
  const p: Prerequisites = {
    runnerFeatures: [],
    skipOs: [],
    skipClusterFeatures: [],
    requireClusterFeatures: [],
    knownIssues: [],
    skipCapabilities: [],
    requireCapabilities: [],
  };
  const feature = (name: string) => {
    if (name === 'xpack')
      p.xpack = p.xpack === 'skip' ? fail(where, 'either [xpack] or [no_xpack], not both') : 'required';
    else if (name === 'no_xpack')
      p.xpack = p.xpack === 'required' ? fail(where, 'either [xpack] or [no_xpack], not both') : 'skip';
    else p.runnerFeatures.push(name);
  };
  for (const [kind, body] of items) {
    if (!isMap(body)) fail(where, `the ${kind} section is not an object (is it properly indented?)`);
    for (const [field, value] of Object.entries(body)) {
      const bad = () => fail(where, `field [${field}] not supported within ${kind} section`);
      if (kind === 'skip') {
        if (field === 'reason') p.skipReason = javaToString(value);
        else if (field === 'features') strings(value, where, field).forEach(feature);
        else if (field === 'version') p.skipVersion = javaToString(value);
        else if (field === 'os') p.skipOs.push(...strings(value, where, field));
        else if (field === 'cluster_features') p.skipClusterFeatures.push(...strings(value, where, field));
        else if (field === 'awaits_fix') p.awaitsFix = javaToString(value);
        else if (field === 'capabilities') p.skipCapabilities.push(...capabilities(value, where));
        else if (field === 'known_issues') {
          if (!Array.isArray(value)) bad();
          for (const issue of value as JavaValue[]) {
            if (!isMap(issue) || Object.keys(issue).sort().join(',') !== 'cluster_feature,fixed_by')
              fail(where, 'known_issues entries need exactly cluster_feature and fixed_by');
            p.knownIssues.push({
              clusterFeature: javaToString(issue.cluster_feature),
              fixedBy: javaToString(issue.fixed_by),
            });
          }
        } else bad();
      } else {
        if (field === 'reason') p.requiresReason = javaToString(value);
        else if (field === 'test_runner_features') strings(value, where, field).forEach(feature);
        else if (field === 'cluster_features') p.requireClusterFeatures.push(...strings(value, where, field));
        else if (field === 'capabilities') p.requireCapabilities.push(...capabilities(value, where));
        else if (options.fileLevel && (field === 'stack' || field === 'serverless')) {
          if (typeof value !== 'boolean') fail(where, `[${field}] must be true or false`);
          p[field] = value;
        } else bad();
      }
    }
  }
  const hasSkipCriteria =
    p.skipVersion !== undefined ||
    p.skipOs.length > 0 ||
    p.skipClusterFeatures.length > 0 ||
    p.skipCapabilities.length > 0 ||
    p.knownIssues.length > 0;
  const hasAny =
    hasSkipCriteria ||
    p.awaitsFix !== undefined ||
    p.xpack !== undefined ||
    p.runnerFeatures.length > 0 ||
    p.requireClusterFeatures.length > 0 ||
    p.requireCapabilities.length > 0 ||
    p.stack !== undefined ||
    p.serverless !== undefined;
  if (!hasAny) fail(where, 'at least one predicate is mandatory within a skip or requires section');
  if (hasSkipCriteria && !p.skipReason) fail(where, 'reason is mandatory within this skip section');
  if ((p.requireClusterFeatures.length > 0 || p.requireCapabilities.length > 0) && !p.requiresReason)
    fail(where, 'reason is mandatory within this requires section');
  if (p.skipOs.length > 0 && !p.runnerFeatures.includes('skip_os'))
    fail(where, 'if os is specified, test runner feature [skip_os] must be set');
  if (p.skipClusterFeatures.some((f) => p.requireClusterFeatures.includes(f)))
    fail(where, 'a cluster feature can be specified either in [requires] or [skip], not both');
  return p;
}

/** What the runner knows about the target when it evaluates prerequisites. */
export interface TargetFacts {
  /** The target's version from GET /, or undefined. */
  version: string | undefined;
  /** Cluster features the caller declares present (besides the gte_v* ones derived from the version). */
  clusterFeatures: ReadonlySet<string>;
  /** Answers a capabilities check (GET /_capabilities). */
  hasCapabilities(check: CapabilitiesCheck): Promise<boolean>;
}

type Version = [number, number, number];

export function parseVersion(text: string): Version | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(text.trim().replace(/-SNAPSHOT$/, ''));
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `version` lies in a skip range: `all`, or comma-separated `lower - upper` with either side open. */
export function versionInRanges(ranges: string, version: Version): boolean {
  return ranges.split(',').some((range) => {
    const trimmed = range.trim();
    if (trimmed === 'all') return true;
    const dash = trimmed.indexOf('-');
    if (dash < 0) throw new SuiteParseError(`version range [${trimmed}] must be "lower - upper" or "all"`);
    const lowerText = trimmed.slice(0, dash).trim();
    const upperText = trimmed.slice(dash + 1).trim();
    const lower = lowerText === '' ? ([0, 0, 0] as Version) : parseVersion(lowerText);
    const upper = upperText === '' ? ([Infinity, 0, 0] as Version) : parseVersion(upperText);
    if (!lower || !upper) throw new SuiteParseError(`version range [${trimmed}] is not x.y.z - x.y.z`);
    return compare(version, lower) >= 0 && compare(version, upper) <= 0;
  });
}

function hasClusterFeature(feature: string, facts: TargetFacts): boolean {
  const historical = /^gte_v(\d+\.\d+\.\d+)$/.exec(feature);
  if (historical) {
    const version = facts.version === undefined ? undefined : parseVersion(facts.version);
    return version !== undefined && compare(version, parseVersion(historical[1]!)!) >= 0;
  }
  return facts.clusterFeatures.has(feature);
}

/** Why the section must be skipped, or undefined when it runs. */
export async function skipReason(
  p: Prerequisites | undefined,
  description: string,
  facts: TargetFacts,
): Promise<string | undefined> {
  if (!p) return undefined;
  const message = (isSkip: boolean, detail?: string) => {
    const reason = isSkip ? p.skipReason : p.requiresReason;
    let text = `[${description}] skipped,`;
    if (reason) text += ` reason: [${reason}]`;
    if (p.runnerFeatures.length > 0) text += ` unsupported features [${p.runnerFeatures.join(', ')}]`;
    if (detail) text += ` (${detail})`;
    return text;
  };
  const unsupported = p.runnerFeatures.filter((f) => !SUPPORTED_FEATURES.includes(f));
  if (unsupported.length > 0)
    return message(false, `runner feature(s) not supported: ${unsupported.join(', ')}`);
  if (p.awaitsFix) return message(true, `awaits fix: ${p.awaitsFix}`);
  if (p.stack === false) return message(false, 'the file is not for stack (Elasticsearch) targets');
  // requires
  const missing = p.requireClusterFeatures.filter((f) => !hasClusterFeature(f, facts));
  if (missing.length > 0) return message(false, `cluster feature(s) not present: ${missing.join(', ')}`);
  for (const check of p.requireCapabilities)
    if (!(await facts.hasCapabilities(check)))
      return message(
        false,
        `capabilities not supported: ${check.method} ${check.path} ${check.capabilities ?? ''}`.trim(),
      );
  // skip
  if (p.xpack === 'skip') return message(true, 'the target has x-pack (no_xpack)');
  if (p.skipVersion !== undefined) {
    const version = facts.version === undefined ? undefined : parseVersion(facts.version);
    if (version === undefined)
      return message(true, `version range ${p.skipVersion} with an unknown target version`);
    if (versionInRanges(p.skipVersion, version))
      return message(true, `version ${facts.version} in ${p.skipVersion}`);
  }
  const present = p.skipClusterFeatures.filter((f) => hasClusterFeature(f, facts));
  if (present.length > 0) return message(true, `cluster feature(s) present: ${present.join(', ')}`);
  for (const issue of p.knownIssues)
    if (hasClusterFeature(issue.clusterFeature, facts) && !hasClusterFeature(issue.fixedBy, facts))
      return message(true, `known issue ${issue.clusterFeature}, not fixed by ${issue.fixedBy}`);
  for (const check of p.skipCapabilities)
    if (await facts.hasCapabilities(check)) return message(true, `capabilities present: ${check.path}`);
  return undefined;
}
