// The job configuration of a create-job request: Job.Builder, AnalysisConfig.Builder, Detector.Builder,
// AnalysisLimits and PutJobAction.Request, with Elasticsearch's normalisation, validation order and messages.
// Parse-time failures (the setters ObjectParser calls) come wrapped as `[l:c] [job_details] failed to parse
// field [f]`; the request's own checks (Job.Builder.validateInputFields and friends) are plain
// illegal_argument_exception; what JobManager.putJob adds (defaults, the max model memory check, the standard
// categorization analyzer) runs in the action (applyCreateDefaults).
import type { Job } from '@mlclose/schema';
import type { StoredJob } from '../cluster/store.js';
import { formatByteSize, parseByteSize, toMb } from './byte-size.js';
import { EsError, esError, illegalArgument, type EsCause } from './error-envelope.js';
import { formatTimeValue, parseTimeValue, toNanos, type TimeValue } from './duration.js';
import { asDouble } from './json-writer.js';
import type { Location } from './json-position-parser.js';
import type { ParsedFields } from './object-parser.js';
import { xContentError } from './object-parser.js';
import { isValidId, jobIdProblem } from './job-id.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** AnalysisLimits.DEFAULT_MODEL_MEMORY_LIMIT_MB and DEFAULT_CATEGORIZATION_EXAMPLES_LIMIT. */
export const DEFAULT_MODEL_MEMORY_LIMIT_MB = 1024;
const DEFAULT_CATEGORIZATION_EXAMPLES_LIMIT = 4;
/** Job.DEFAULT_MODEL_SNAPSHOT_RETENTION_DAYS and DEFAULT_DAILY_MODEL_SNAPSHOT_RETENTION_AFTER_DAYS. */
const DEFAULT_MODEL_SNAPSHOT_RETENTION_DAYS = 10;
const DEFAULT_DAILY_MODEL_SNAPSHOT_RETENTION_AFTER_DAYS = 1;
/** AnalysisConfig.MINIMUM_MODEL_PRUNE_WINDOW_BUCKETS. */
const MINIMUM_MODEL_PRUNE_WINDOW_BUCKETS = 2;
const ML_CATEGORY_FIELD = 'mlcategory';

/** Detector.COUNT_WITHOUT_FIELD_FUNCTIONS: need no field, by field or over field. */
const COUNT_WITHOUT_FIELD = new Set([
  'count',
  'high_count',
  'low_count',
  'non_zero_count',
  'low_non_zero_count',
  'high_non_zero_count',
  'time_of_day',
  'time_of_week',
]);
/** Detector.FIELD_NAME_FUNCTIONS: need field_name, and only they may have one. */
const FIELD_NAME_FUNCTIONS = new Set([
  'distinct_count',
  'low_distinct_count',
  'high_distinct_count',
  'info_content',
  'low_info_content',
  'high_info_content',
  'metric',
  'mean',
  'avg',
  'high_mean',
  'high_avg',
  'low_mean',
  'low_avg',
  'median',
  'low_median',
  'high_median',
  'min',
  'max',
  'sum',
  'low_sum',
  'high_sum',
  'non_null_sum',
  'low_non_null_sum',
  'high_non_null_sum',
  'varp',
  'low_varp',
  'high_varp',
  'lat_long',
]);
/** DetectorFunction: every function is a count without field, rare or freq_rare, or needs a field name. */
const FUNCTIONS = new Map<string, string>();
for (const name of [...COUNT_WITHOUT_FIELD, 'rare', 'freq_rare', ...FIELD_NAME_FUNCTIONS]) {
  FUNCTIONS.set(name, name);
}
// DetectorFunction's shortcuts.
for (const [shortcut, name] of [
  ['nzc', 'non_zero_count'],
  ['low_nzc', 'low_non_zero_count'],
  ['high_nzc', 'high_non_zero_count'],
  ['dc', 'distinct_count'],
  ['low_dc', 'low_distinct_count'],
  ['high_dc', 'high_distinct_count'],
] as const) {
  FUNCTIONS.set(shortcut, name);
}

/** Detector.FUNCTIONS_WITHOUT_RULE_CONDITION_SUPPORT. */
const NO_RULE_CONDITIONS = new Set(['lat_long', 'metric', 'rare', 'freq_rare']);

/** DetectorFunction.fromString. */
export function expandFunction(name: string): string {
  const full = FUNCTIONS.get(name);
  if (full === undefined) throw illegalArgument(`Unknown function '${name}'`);
  return full;
}

/** ExceptionsHelper.badRequestException: an ElasticsearchStatusException with 400. */
function badRequest(reason: string): EsError {
  return esError(400, 'status_exception', reason);
}

/** ObjectParser's wrapping of a failing field setter, at the end of the field's value. */
function fieldFailure(field: string, at: Location | undefined, cause: EsCause): EsError {
  return xContentError(at ?? { line: 1, column: 1 }, `[job_details] failed to parse field [${field}]`, cause);
}

function withField<T>(field: string, ends: ReadonlyMap<string, Location>, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof EsError) throw fieldFailure(field, ends.get(field), error.cause_);
    throw error;
  }
}

function time(text: unknown, setting: string): TimeValue {
  if (typeof text !== 'string') throw illegalArgument(`[${setting}] must be a string`);
  return parseTimeValue(text, setting);
}

function seconds(value: TimeValue): bigint {
  return toNanos(value) / 1_000_000_000n;
}

/** DefaultDetectorDescription.of. */
function detectorDescription(detector: Json): string {
  let text = String(detector.function);
  if (typeof detector.field_name === 'string') text += `(${detector.field_name})`;
  if (typeof detector.by_field_name === 'string') text += ` by ${detector.by_field_name}`;
  if (typeof detector.over_field_name === 'string') text += ` over ${detector.over_field_name}`;
  if (typeof detector.partition_field_name === 'string')
    text += ` partitionfield=${detector.partition_field_name}`;
  if (detector.use_null === true) text += ' usenull=true';
  if (typeof detector.exclude_frequent === 'string') text += ` excludefrequent=${detector.exclude_frequent}`;
  return text;
}

/** DetectionRule with RuleScope/FilterRef defaults: actions [skip_result], filter_type include. */
function normaliseRule(raw: unknown): Json {
  if (!isObject(raw)) throw illegalArgument('[detection_rule] must be an object');
  const { actions, scope, conditions, ...rest } = raw;
  const rule: Json = { actions: actions ?? ['skip_result'] };
  if (isObject(scope) && Object.keys(scope).length > 0) {
    const normalised: Json = {};
    for (const [field, ref] of Object.entries(scope)) {
      if (isObject(ref)) {
        const { filter_id, filter_type = 'include', ...more } = ref;
        normalised[field] = { filter_id, filter_type, ...more };
      } else {
        normalised[field] = ref;
      }
    }
    rule.scope = normalised;
  }
  if (Array.isArray(conditions) && conditions.length > 0) rule.conditions = conditions;
  if (rule.scope === undefined && rule.conditions === undefined) {
    throw badRequest('Invalid detector rule: at least scope or a condition is required');
  }
  return { ...rule, ...rest };
}

/** Detector.Builder.build's checks, in its order (all 400 status_exception). */
function validateDetector(detector: Json, rules: Json[]): void {
  const fn = String(detector.function);
  const empty = (name: string): boolean => typeof detector[name] !== 'string' || detector[name] === '';
  if (
    empty('field_name') &&
    empty('by_field_name') &&
    empty('over_field_name') &&
    !COUNT_WITHOUT_FIELD.has(fn)
  ) {
    throw badRequest(
      'Unless a count or temporal function is used one of field_name, by_field_name or over_field_name must be set',
    );
  }
  if (empty('field_name') && FIELD_NAME_FUNCTIONS.has(fn)) {
    throw badRequest(`field_name must be set when the '${fn}' function is used`);
  }
  if (!empty('field_name') && !FIELD_NAME_FUNCTIONS.has(fn)) {
    throw badRequest(`field_name cannot be used with function '${fn}'`);
  }
  if (empty('by_field_name') && (fn === 'rare' || fn === 'freq_rare')) {
    throw badRequest(`by_field_name must be set when the '${fn}' function is used`);
  }
  if (empty('over_field_name') && fn === 'freq_rare') {
    throw badRequest(`over_field_name must be set when the '${fn}' function is used`);
  }
  if (!empty('over_field_name') && fn.endsWith('non_zero_count')) {
    throw badRequest(`over_field_name cannot be used with function '${fn}'`);
  }
  for (const name of ['field_name', 'by_field_name', 'over_field_name', 'partition_field_name']) {
    const field = detector[name];
    // Control characters (Character.isISOControl), '"' and '\\' are prohibited.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters Elasticsearch prohibits.
    if (typeof field === 'string' && /["\\\u0000-\u001f\u007f-\u009f]/u.test(field)) {
      throw badRequest(
        `Invalid field name '${field}'. Field names including over, by and partition fields cannot contain any of these characters: ",\\`,
      );
    }
    if (field === '.') {
      throw badRequest(
        `Invalid field name '.'. Field names including over, by and partition fields cannot be '.'`,
      );
    }
  }
  const scopeFields = ['by_field_name', 'over_field_name', 'partition_field_name']
    .filter((name) => !empty(name))
    .map((name) => detector[name] as string)
    .sort();
  for (const rule of rules) {
    const conditions = Array.isArray(rule.conditions) ? (rule.conditions as unknown[]) : [];
    const first = conditions[0];
    const onResult = isObject(first) && first.applies_to !== 'time';
    if (onResult && NO_RULE_CONDITIONS.has(fn)) {
      throw badRequest(`Invalid detector rule: function ${fn} only supports conditions that apply to time`);
    }
    for (const field of Object.keys(isObject(rule.scope) ? rule.scope : {})) {
      if (scopeFields.length === 0) {
        throw badRequest(
          `Invalid detector rule: scope field '${field}' is invalid; detector has no available fields for scoping`,
        );
      }
      if (!scopeFields.includes(field)) {
        throw badRequest(
          `Invalid detector rule: scope field '${field}' is invalid; select from [${[...new Set(scopeFields)].join(', ')}]`,
        );
      }
    }
  }
  const partition = detector.partition_field_name;
  if (!empty('partition_field_name')) {
    if (partition === detector.by_field_name) {
      throw badRequest(`partition_field_name and by_field_name cannot be the same: '${String(partition)}'`);
    }
    if (partition === detector.over_field_name) {
      throw badRequest(`partition_field_name and over_field_name cannot be the same: '${String(partition)}'`);
    }
  }
  if (!empty('by_field_name') && detector.by_field_name === detector.over_field_name) {
    throw badRequest(
      `by_field_name and over_field_name cannot be the same: '${String(detector.by_field_name)}'`,
    );
  }
  for (const [word, message] of [
    ['count', "'count' is not a permitted value for"],
    ['by', "'by' is not a permitted value for"],
    ['over', "'over' is not a permitted value for"],
  ] as const) {
    if (detector.by_field_name === word) throw badRequest(`${message} by_field_name`);
    if (detector.over_field_name === word) throw badRequest(`${message} over_field_name`);
  }
}

/** Detector.toXContent's field order, with the function expanded and the description defaulted. */
function buildDetector(raw: unknown, index: number): Json {
  if (!isObject(raw) || typeof raw.function !== 'string' || raw.function === '') {
    throw illegalArgument("Unknown function ''");
  }
  const fn = expandFunction(raw.function);
  const {
    detector_description,
    function: _function,
    field_name,
    by_field_name,
    over_field_name,
    partition_field_name,
    use_null,
    exclude_frequent,
    custom_rules,
    detector_index: _index,
    ...rest
  } = raw;
  const detector: Json = { function: fn };
  if (field_name !== undefined) detector.field_name = field_name;
  if (by_field_name !== undefined) detector.by_field_name = by_field_name;
  if (over_field_name !== undefined) detector.over_field_name = over_field_name;
  if (partition_field_name !== undefined) detector.partition_field_name = partition_field_name;
  if (use_null === true) detector.use_null = true;
  if (exclude_frequent !== undefined) detector.exclude_frequent = exclude_frequent;
  const ordered: Json = {
    detector_description:
      typeof detector_description === 'string' ? detector_description : detectorDescription(detector),
    ...detector,
  };
  const rules = Array.isArray(custom_rules) ? custom_rules.map(normaliseRule) : [];
  validateDetector(detector, rules);
  if (rules.length > 0) ordered.custom_rules = rules;
  return { ...ordered, ...rest, detector_index: index };
}

/** AnalysisConfig.Builder.build: defaults, detector indices and the checks in Elasticsearch's order. */
function buildAnalysisConfig(raw: unknown): Json {
  if (!isObject(raw)) throw illegalArgument('[analysis_config] must be an object');
  const bucketSpan = time(raw.bucket_span ?? '5m', 'analysis_config.bucket_span');
  const detectorsIn = raw.detectors;
  const detectors = Array.isArray(detectorsIn) ? detectorsIn.map(buildDetector) : [];
  // TimeUtils.checkPositiveMultiple(bucket_span, SECONDS).
  if (seconds(bucketSpan) <= 0n) {
    throw illegalArgument(`bucket_span cannot be less or equal than 0. Value = ${seconds(bucketSpan)}`);
  }
  if (toNanos(bucketSpan) % 1_000_000_000n !== 0n) {
    throw illegalArgument(
      `bucket_span has to be a multiple of 1s; actual was '${formatTimeValue(bucketSpan)}'`,
    );
  }
  if (raw.model_prune_window !== undefined) {
    const window = time(raw.model_prune_window, 'analysis_config.model_prune_window');
    const windowSecs = seconds(window);
    const spanSecs = seconds(bucketSpan);
    if (windowSecs % spanSecs !== 0n) {
      throw badRequest(
        `model_prune_window [${formatTimeValue(window)}] must be a multiple of bucket_span [${formatTimeValue(bucketSpan)}]`,
      );
    }
    if (windowSecs / spanSecs < BigInt(MINIMUM_MODEL_PRUNE_WINDOW_BUCKETS)) {
      throw badRequest(
        `model_prune_window [${formatTimeValue(window)}] must be at least ${MINIMUM_MODEL_PRUNE_WINDOW_BUCKETS} times greater than bucket_span [${formatTimeValue(bucketSpan)}]`,
      );
    }
  }
  if (detectors.length === 0) throw badRequest('No detectors configured');
  const categorizationField = raw.categorization_field_name;
  const usesMlCategory = detectors.some((d) =>
    [d.by_field_name, d.over_field_name, d.partition_field_name].includes(ML_CATEGORY_FIELD),
  );
  if (usesMlCategory && categorizationField === undefined) {
    throw badRequest(`categorization_field_name must be set for ${ML_CATEGORY_FIELD} to be available`);
  }
  if (categorizationField !== undefined && !usesMlCategory) {
    throw badRequest(
      `categorization_field_name is set but ${ML_CATEGORY_FIELD} is not used in any detector by/over/partition field`,
    );
  }
  if (raw.categorization_analyzer !== undefined && categorizationField === undefined) {
    throw badRequest('categorization_analyzer requires setting categorization_field_name');
  }
  const filters = raw.categorization_filters;
  if (Array.isArray(filters) && filters.length > 0) {
    if (raw.categorization_analyzer !== undefined) {
      throw badRequest(
        'categorization_filters cannot be used with categorization_analyzer - instead specify them as pattern_replace char_filters in the analyzer',
      );
    }
    if (categorizationField === undefined) {
      throw badRequest('categorization_filters require setting categorization_field_name');
    }
    if (new Set(filters).size !== filters.length) {
      throw badRequest('categorization_filters contain duplicates');
    }
    if (filters.some((filter) => filter === '')) {
      throw badRequest('categorization_filters are not allowed to contain empty strings');
    }
  }
  // AnalysisConfig.toXContent's order.
  const {
    bucket_span: _span,
    categorization_field_name,
    categorization_filters,
    categorization_analyzer,
    per_partition_categorization,
    latency,
    summary_count_field_name,
    detectors: _detectors,
    influencers,
    multivariate_by_fields,
    model_prune_window,
    ...rest
  } = raw;
  const config: Json = {
    bucket_span: typeof raw.bucket_span === 'string' ? raw.bucket_span : '5m',
  };
  if (categorization_field_name !== undefined) config.categorization_field_name = categorization_field_name;
  if (categorization_filters !== undefined) config.categorization_filters = categorization_filters;
  if (categorization_analyzer !== undefined) config.categorization_analyzer = categorization_analyzer;
  if (categorization_field_name !== undefined) {
    config.per_partition_categorization = {
      enabled: false,
      stop_on_warn: false,
      ...(isObject(per_partition_categorization) ? per_partition_categorization : {}),
    };
  }
  if (latency !== undefined) config.latency = latency;
  if (summary_count_field_name !== undefined) config.summary_count_field_name = summary_count_field_name;
  config.detectors = detectors;
  config.influencers = influencers ?? [];
  if (multivariate_by_fields !== undefined) config.multivariate_by_fields = multivariate_by_fields;
  if (model_prune_window !== undefined) config.model_prune_window = model_prune_window;
  return { ...config, ...rest };
}

/** AnalysisLimits' parser and constructor: model_memory_limit in MiB (a number is MiB already). */
function buildAnalysisLimits(raw: unknown): { modelMemoryLimitMb?: number; examples?: number } {
  if (!isObject(raw)) throw illegalArgument('[analysis_limits] must be an object');
  const limits: { modelMemoryLimitMb?: number; examples?: number } = {};
  const mml = raw.model_memory_limit;
  if (typeof mml === 'string') limits.modelMemoryLimitMb = toMb(parseByteSize(mml, 'model_memory_limit'));
  else if (typeof mml === 'number') limits.modelMemoryLimitMb = Math.trunc(mml);
  else if (mml !== undefined && mml !== null) throw illegalArgument(`Unsupported token [${typeof mml}]`);
  if (limits.modelMemoryLimitMb !== undefined && limits.modelMemoryLimitMb < 1) {
    throw badRequest(`model_memory_limit must be at least 1 MiB. Value = ${limits.modelMemoryLimitMb}`);
  }
  const examples = raw.categorization_examples_limit;
  if (typeof examples === 'number') {
    if (examples < 0) {
      throw badRequest(`categorization_examples_limit cannot be less than 0. Value = ${examples}`);
    }
    limits.examples = Math.trunc(examples);
  }
  return limits;
}

/** Job.Builder.checkValueNotLessThan. */
function checkNotLessThan(minimum: number, name: string, value: unknown): void {
  if (typeof value === 'number' && value < minimum) {
    throw illegalArgument(`${name} cannot be less than ${minimum}. Value = ${value}`);
  }
}

/** AnalysisConfig.analysisFields: every field the analysis reads. */
function analysisFields(analysis: Json): Set<string> {
  const fields = new Set<string>();
  for (const detector of analysis.detectors as Json[]) {
    for (const name of ['field_name', 'by_field_name', 'over_field_name', 'partition_field_name']) {
      if (typeof detector[name] === 'string') fields.add(detector[name]);
    }
  }
  for (const influencer of (analysis.influencers as unknown[]) ?? []) {
    if (typeof influencer === 'string') fields.add(influencer);
  }
  for (const name of ['categorization_field_name', 'summary_count_field_name']) {
    if (typeof analysis[name] === 'string') fields.add(analysis[name]);
  }
  return fields;
}

/** A detector without its index and description, for Job.Builder.validateDetectorsAreUnique. */
function canonicalDetector(detector: Json): string {
  // The description stays: detectors that differ only in their given descriptions are not duplicates.
  const { detector_index: _index, ...rest } = detector;
  return JSON.stringify(rest);
}

/** What create-job parsed: the job (still without JobManager's defaults) and its embedded datafeed, if any. */
export interface JobRequest {
  job: StoredJob;
  /** `datafeed_config` of the body, with the job's id as default datafeed id and job id. */
  datafeed?: Json;
}

/**
 * PutJobAction.Request.parseRequest and its constructor: parse (with ObjectParser's wrapping), the inconsistent
 * id check, Job.Builder.validateInputFields, validateDetectorsAreUnique and invalidCreateTimeSettings. Runs
 * while the request is parsed, so an invalid job is a 400 even for a user who may not create jobs (as
 * CJ-SEC-006 orders close's checks).
 */
export function buildJob(id: string, fields: ParsedFields): JobRequest {
  const { value: input, ends } = fields;
  const analysis =
    input.analysis_config === undefined
      ? undefined
      : withField('analysis_config', ends, () => buildAnalysisConfig(input.analysis_config));
  const limits =
    input.analysis_limits === undefined
      ? undefined
      : withField('analysis_limits', ends, () => buildAnalysisLimits(input.analysis_limits));
  if (input.background_persist_interval !== undefined) {
    withField('background_persist_interval', ends, () =>
      time(input.background_persist_interval, 'background_persist_interval'),
    );
  }
  if (input.job_id !== undefined && input.job_id !== id) {
    throw illegalArgument(
      `Inconsistent job_id; '${String(input.job_id)}' specified in the body differs from '${id}' specified as a URL argument`,
    );
  }
  // Job.Builder.validateInputFields.
  if (analysis === undefined) throw illegalArgument('An analysis_config must be set');
  const dataDescription = input.data_description;
  if (!isObject(dataDescription)) throw illegalArgument('A data_description must be set');
  const timeField = typeof dataDescription.time_field === 'string' ? dataDescription.time_field : 'time';
  if (analysisFields(analysis).has(timeField)) {
    throw illegalArgument('data_description.time_field may not be used in the analysis_config');
  }
  if (input.background_persist_interval !== undefined) {
    const interval = time(input.background_persist_interval, 'background_persist_interval');
    if (toNanos(interval) % 1_000_000_000n !== 0n) {
      throw illegalArgument(
        `background_persist_interval has to be a multiple of 1s; actual was '${formatTimeValue(interval)}'`,
      );
    }
    checkNotLessThan(3600, 'background_persist_interval', Number(seconds(interval)));
  }
  checkNotLessThan(0, 'renormalization_window_days', input.renormalization_window_days);
  checkNotLessThan(0, 'results_retention_days', input.results_retention_days);
  const problem = jobIdProblem(id);
  if (problem) throw illegalArgument(problem);
  // validateModelSnapshotRetentionSettings.
  const retentionDays = input.model_snapshot_retention_days;
  const dailyAfterDays = input.daily_model_snapshot_retention_after_days;
  checkNotLessThan(0, 'model_snapshot_retention_days', retentionDays);
  checkNotLessThan(0, 'daily_model_snapshot_retention_after_days', dailyAfterDays);
  if (
    typeof retentionDays === 'number' &&
    typeof dailyAfterDays === 'number' &&
    dailyAfterDays > retentionDays
  ) {
    // MessageFormat drops the quotes around the field names in Messages' pattern.
    throw illegalArgument(
      `The value of daily_model_snapshot_retention_after_days [${dailyAfterDays}] cannot be greater than model_snapshot_retention_days [${retentionDays}]`,
    );
  }
  const groupsIn = input.groups ?? [];
  if (!Array.isArray(groupsIn) || groupsIn.some((group) => typeof group !== 'string')) {
    throw illegalArgument('[groups] must be an array of strings');
  }
  const groups = [...new Set(groupsIn as string[])];
  for (const group of groups) {
    if (!isValidId(group)) {
      throw illegalArgument(
        `Invalid group id '${group}'; must be non-empty string and may contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric`,
      );
    }
    if (group === id) {
      throw esError(
        400,
        'resource_already_exists_exception',
        `job and group names must be unique but job [${group}] and group [${group}] have the same name`,
      );
    }
  }
  const resultsIndex = input.results_index_name;
  if (typeof resultsIndex === 'string' && resultsIndex !== '' && !isValidId(resultsIndex)) {
    throw illegalArgument(
      `Invalid results_index_name; '${resultsIndex}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric`,
    );
  }
  // PutJobAction.Request: unique detectors, then the fields that may not be set at creation.
  const seen = new Set<string>();
  for (const detector of analysis.detectors as Json[]) {
    const key = canonicalDetector(detector);
    if (seen.has(key)) {
      throw illegalArgument(
        `Duplicate detectors are not allowed: [${String(detector.detector_description)}]`,
      );
    }
    seen.add(key);
  }
  const invalid = ['model_snapshot_id', 'finished_time', 'create_time'].filter(
    (name) => input[name] !== undefined && input[name] !== null,
  );
  if (invalid.length > 0) {
    throw illegalArgument(
      `The job is configured with fields [${invalid.join(',')}] that are illegal to set at job creation`,
    );
  }
  let datafeed: Json | undefined;
  if (input.datafeed_config !== undefined) {
    if (!isObject(input.datafeed_config)) {
      throw fieldFailure('datafeed_config', ends.get('datafeed_config'), {
        type: 'illegal_argument_exception',
        reason: '[datafeed_config] must be an object',
      });
    }
    datafeed = input.datafeed_config;
    const feedJob = datafeed.job_id;
    if (feedJob !== undefined && feedJob !== id) {
      // Messages.JOB_CONFIG_DATAFEED_CONFIG_JOB_ID_MISMATCH, with its stray brace.
      throw illegalArgument(`datafeed job_id [${String(feedJob)}] does not equal job id [${id}}`);
    }
    datafeed = { datafeed_id: datafeed.datafeed_id ?? id, job_id: id, ...datafeed };
  }
  const {
    job_id: _jobId,
    groups: _groups,
    description,
    analysis_config: _analysis,
    analysis_limits: _limits,
    data_description: _dataDescription,
    model_plot_config,
    renormalization_window_days,
    background_persist_interval,
    model_snapshot_retention_days: _retention,
    daily_model_snapshot_retention_after_days: _daily,
    results_retention_days,
    custom_settings,
    results_index_name,
    allow_lazy_open,
    datafeed_config: _datafeed,
    ...other
  } = input;
  // Job.toXContent's order; create_time and the defaults are set by applyCreateDefaults.
  const job: Json = {
    job_id: id,
    job_type: 'anomaly_detector',
    job_version: '12.0.0',
  };
  if (groups.length > 0) job.groups = groups;
  if (typeof description === 'string') job.description = description;
  job.create_time = 0;
  // Empty until the job closes: the slot keeps Job.toXContent's order when it is set in place (setFinishedTime).
  job.finished_time = undefined;
  job.analysis_config = analysis;
  job.analysis_limits = {
    ...(limits?.modelMemoryLimitMb !== undefined ? { model_memory_limit: limits.modelMemoryLimitMb } : {}),
    ...(limits?.examples !== undefined ? { categorization_examples_limit: limits.examples } : {}),
  };
  job.data_description = { time_field: 'time', time_format: 'epoch_ms', ...dataDescription };
  if (model_plot_config !== undefined) {
    job.model_plot_config = isObject(model_plot_config)
      ? {
          enabled: model_plot_config.enabled,
          annotations_enabled: model_plot_config.enabled,
          ...model_plot_config,
        }
      : model_plot_config;
  }
  if (renormalization_window_days !== undefined)
    job.renormalization_window_days = renormalization_window_days;
  if (background_persist_interval !== undefined)
    job.background_persist_interval = background_persist_interval;
  job.model_snapshot_retention_days = retentionDays ?? DEFAULT_MODEL_SNAPSHOT_RETENTION_DAYS;
  if (dailyAfterDays !== undefined) job.daily_model_snapshot_retention_after_days = dailyAfterDays;
  if (results_retention_days !== undefined) job.results_retention_days = results_retention_days;
  if (custom_settings !== undefined) job.custom_settings = custom_settings;
  job.results_index_name =
    typeof results_index_name === 'string' && results_index_name !== ''
      ? results_index_name === 'shared' || results_index_name.startsWith('custom-')
        ? results_index_name
        : `custom-${results_index_name}`
      : 'shared';
  job.allow_lazy_open = allow_lazy_open === true;
  return { job: { ...job, ...other } as StoredJob, ...(datafeed ? { datafeed } : {}) };
}

/** The stop words of CategorizationAnalyzerConfig.Builder.addDateWordsTokenFilter. */
export const DATE_WORDS: readonly string[] = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'Mon',
  'Tue',
  'Wed',
  'Thu',
  'Fri',
  'Sat',
  'Sun',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
  'GMT',
  'UTC',
];

/** CategorizationAnalyzerConfig.buildStandardCategorizationAnalyzer. */
function standardCategorizationAnalyzer(filters: unknown): Json {
  const charFilters: unknown[] = ['first_non_blank_line'];
  if (Array.isArray(filters)) {
    for (const pattern of filters) charFilters.push({ type: 'pattern_replace', pattern });
  }
  return {
    char_filter: charFilters,
    tokenizer: 'ml_standard',
    filter: [
      {
        type: 'stop',
        stopwords: DATE_WORDS,
      },
    ],
  };
}

/**
 * JobManager.putJob before it stores the job: validateAnalysisLimitsAndSetDefaults (the default limit, capped
 * by and checked against `xpack.ml.max_model_memory_limit` when set), the daily snapshot retention default,
 * the standard categorization analyzer when none is given (taking over categorization_filters), and the
 * creation time.
 */
export function applyCreateDefaults(
  job: StoredJob,
  options: { maxModelMemoryLimitMb?: number; now: number },
): StoredJob {
  const max = options.maxModelMemoryLimitMb;
  const hasMax = max !== undefined && max > 0;
  const limits = (job.analysis_limits ?? {}) as Json;
  let mml =
    typeof limits.model_memory_limit === 'number' ? limits.model_memory_limit : DEFAULT_MODEL_MEMORY_LIMIT_MB;
  if (hasMax && typeof limits.model_memory_limit !== 'number') mml = Math.min(max, mml);
  if (hasMax && mml > max) {
    throw badRequest(
      `model_memory_limit [${formatByteSize(mml * 1024 * 1024)}] must be less than the value of the xpack.ml.max_model_memory_limit setting [${formatByteSize(max * 1024 * 1024)}]`,
    );
  }
  const result = { ...job } as Json;
  result.create_time = options.now;
  result.analysis_limits = {
    model_memory_limit: `${mml}mb`,
    categorization_examples_limit:
      typeof limits.categorization_examples_limit === 'number'
        ? limits.categorization_examples_limit
        : DEFAULT_CATEGORIZATION_EXAMPLES_LIMIT,
  };
  const retention = result.model_snapshot_retention_days;
  if (
    result.daily_model_snapshot_retention_after_days === undefined &&
    typeof retention === 'number' &&
    retention > DEFAULT_DAILY_MODEL_SNAPSHOT_RETENTION_AFTER_DAYS
  ) {
    // Keep Job.toXContent's order: the default goes right after model_snapshot_retention_days.
    const reordered: Json = {};
    for (const [key, value] of Object.entries(result)) {
      reordered[key] = value;
      if (key === 'model_snapshot_retention_days') {
        reordered.daily_model_snapshot_retention_after_days =
          DEFAULT_DAILY_MODEL_SNAPSHOT_RETENTION_AFTER_DAYS;
      }
    }
    for (const key of Object.keys(result)) delete result[key];
    Object.assign(result, reordered);
  }
  const analysis = result.analysis_config as Json;
  if (analysis.categorization_analyzer === undefined && analysis.categorization_field_name !== undefined) {
    const { categorization_filters, ...rest } = analysis;
    const rebuilt: Json = {};
    for (const [key, value] of Object.entries(rest)) {
      rebuilt[key] = value;
      if (key === 'categorization_field_name') {
        rebuilt.categorization_analyzer = standardCategorizationAnalyzer(categorization_filters);
      }
    }
    result.analysis_config = rebuilt;
  }
  return result as StoredJob;
}

/** The job's model memory limit in MiB, as stored (`"1024mb"`). */
export function modelMemoryLimitMb(job: Job): number {
  const limit = (job.analysis_limits as Json | undefined)?.model_memory_limit;
  if (typeof limit === 'string') return Number.parseInt(limit, 10);
  return DEFAULT_MODEL_MEMORY_LIMIT_MB;
}

/**
 * Sets or clears `finished_time` (set when the job closes, cleared when it opens again) in Job.toXContent's order:
 * right after `create_time`. In place when the job has the slot, as every job buildJob makes has: a copy of each job's
 * whole config to set the one field, when a close of `_all` finished 100,000 jobs, took 7 % of the close's time in a
 * profile, and its garbage (the replaced configs) more of the collector's. A job without the slot (one read from the
 * store, where an empty slot is not written) is copied once, with the slot in its place, and the copy is returned.
 */
export function setFinishedTime(job: StoredJob, finishedTime: number | undefined): StoredJob {
  if (Object.hasOwn(job, 'finished_time')) {
    job.finished_time = finishedTime;
    return job;
  }
  return withFinishedTimeSlot(job, finishedTime);
}

/** A copy of `job` whose `finished_time` (undefined: empty, but in its place) comes right after `create_time`. */
function withFinishedTimeSlot(job: StoredJob, finishedTime: number | undefined): StoredJob {
  // Without Object.entries, whose pair arrays a close of every job allocated.
  const source = job as Json;
  const result: Json = {};
  for (const key in source) {
    if (key === 'finished_time' || !Object.hasOwn(source, key)) continue;
    result[key] = source[key];
    if (key === 'create_time') result.finished_time = finishedTime;
  }
  return result as StoredJob;
}

/** The job as written on the wire: rule condition values are Java doubles (RuleCondition.value). */
export function renderJob(job: Job): Job {
  const analysis = job.analysis_config as Json | undefined;
  const detectors = analysis?.detectors;
  if (!Array.isArray(detectors) || !detectors.some((d) => isObject(d) && Array.isArray(d.custom_rules))) {
    return job;
  }
  return {
    ...job,
    analysis_config: {
      ...analysis,
      detectors: detectors.map((detector: unknown) => {
        if (!isObject(detector) || !Array.isArray(detector.custom_rules)) return detector;
        return {
          ...detector,
          custom_rules: detector.custom_rules.map((rule: unknown) => {
            if (!isObject(rule) || !Array.isArray(rule.conditions)) return rule;
            return {
              ...rule,
              conditions: rule.conditions.map((condition: unknown) =>
                isObject(condition) ? { ...condition, value: asDouble(condition.value) } : condition,
              ),
            };
          }),
        };
      }),
    },
  } as Job;
}
