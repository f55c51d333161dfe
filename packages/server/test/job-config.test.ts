// Table tests of create-job's rules: what put-job normalises, and what it rejects with which error, in the
// order Elasticsearch checks (Job.Builder, AnalysisConfig.Builder, Detector, AnalysisLimits, JobManager.putJob).
import { describe, expect, it } from 'vitest';
import { formatByteSize, parseByteSize, toMb } from '../src/rules/byte-size.js';
import { EsError } from '../src/rules/error-envelope.js';
import { applyCreateDefaults, buildJob, setFinishedTime } from '../src/rules/job-config.js';
import { JavaDouble, toJson } from '../src/rules/json-writer.js';
import { parseObjectFields } from '../src/rules/object-parser.js';

const COUNT = { analysis_config: { detectors: [{ function: 'count' }] }, data_description: {} };

function create(body: object, id = 'j', max?: number): Record<string, any> {
  const request = buildJob(id, parseObjectFields(Buffer.from(JSON.stringify(body)), 'job_details'));
  const job = applyCreateDefaults(request.job, { maxModelMemoryLimitMb: max, now: 1 });
  return { ...job, ...(request.datafeed ? { datafeed: request.datafeed } : {}) };
}

function failure(
  body: object | string,
  id = 'j',
  max?: number,
): { status: number; type: string; reason: string; cause?: string } {
  try {
    if (typeof body === 'string') {
      const request = buildJob(id, parseObjectFields(Buffer.from(body), 'job_details'));
      applyCreateDefaults(request.job, { now: 1 });
    } else {
      create(body, id, max);
    }
  } catch (error) {
    if (!(error instanceof EsError)) throw error;
    const cause = error.cause_.causedBy;
    return {
      status: error.status,
      type: error.cause_.type,
      reason: error.cause_.reason ?? '',
      ...(cause ? { cause: `${cause.type}: ${cause.reason}` } : {}),
    };
  }
  throw new Error('expected a failure');
}

describe('put-job normalisation', () => {
  it.each([
    { description: 'a number is MiB', given: 2048, want: '2048mb' },
    { description: 'gigabytes become MiB', given: '3000g', want: '3072000mb' },
    { description: 'units are case-insensitive', given: '8GB', want: '8192mb' },
    { description: 'kilobytes round down to whole MiB', given: '2048kb', want: '2mb' },
    { description: 'the default', given: undefined, want: '1024mb' },
  ])('model_memory_limit: $description', ({ given, want }) => {
    const body = given === undefined ? COUNT : { ...COUNT, analysis_limits: { model_memory_limit: given } };
    expect(create(body).analysis_limits).toEqual({
      model_memory_limit: want,
      categorization_examples_limit: 4,
    });
  });

  it.each([
    {
      given: { function: 'nzc', by_field_name: 'b' },
      want: 'non_zero_count',
      description: 'non_zero_count by b',
    },
    {
      given: { function: 'low_nzc', partition_field_name: 'p' },
      want: 'low_non_zero_count',
      description: 'low_non_zero_count partitionfield=p',
    },
    {
      given: { function: 'high_dc', field_name: 'f' },
      want: 'high_distinct_count',
      description: 'high_distinct_count(f)',
    },
    {
      given: { function: 'dc', field_name: 'f', over_field_name: 'o' },
      want: 'distinct_count',
      description: 'distinct_count(f) over o',
    },
    {
      given: { function: 'mean', field_name: 'f', by_field_name: 'b' },
      want: 'mean',
      description: 'mean(f) by b',
    },
  ])(
    'function shortcut $given.function is written as $want, and so is the default description',
    ({ given, want, description }) => {
      const detector = create({ analysis_config: { detectors: [given] }, data_description: {} })
        .analysis_config.detectors[0];
      expect(detector.function).toBe(want);
      expect(detector.detector_description).toBe(description);
    },
  );

  it('a job that categorizes gets the standard analyzer, taking over its categorization_filters', () => {
    const analysis = create({
      analysis_config: {
        categorization_field_name: 'message',
        categorization_filters: ['a+', 'b+'],
        detectors: [{ function: 'count', by_field_name: 'mlcategory' }],
      },
      data_description: {},
    }).analysis_config;
    expect(analysis.categorization_filters).toBeUndefined();
    expect(analysis.categorization_analyzer.tokenizer).toBe('ml_standard');
    expect(analysis.categorization_analyzer.char_filter).toEqual([
      'first_non_blank_line',
      { type: 'pattern_replace', pattern: 'a+' },
      { type: 'pattern_replace', pattern: 'b+' },
    ]);
    expect(analysis.categorization_analyzer.filter).toHaveLength(1);
  });

  it('a given analyzer, named or custom, is kept as given', () => {
    const analysis = create({
      analysis_config: {
        categorization_field_name: 'message',
        categorization_analyzer: 'standard',
        detectors: [{ function: 'count', by_field_name: 'mlcategory' }],
      },
      data_description: {},
    }).analysis_config;
    expect(analysis.categorization_analyzer).toBe('standard');
  });

  it('rules get their default actions and filter_type, and keep their conditions', () => {
    const rule = create({
      analysis_config: {
        detectors: [
          {
            function: 'count',
            by_field_name: 'country',
            custom_rules: [
              {
                scope: { country: { filter_id: 'safe' } },
                conditions: [{ applies_to: 'actual', operator: 'lt', value: 42 }],
              },
            ],
          },
        ],
      },
      data_description: {},
    }).analysis_config.detectors[0].custom_rules[0];
    expect(rule).toEqual({
      actions: ['skip_result'],
      scope: { country: { filter_id: 'safe', filter_type: 'include' } },
      conditions: [{ applies_to: 'actual', operator: 'lt', value: 42 }],
    });
  });

  it('the daily snapshot retention defaults to 1 only when the retention is longer', () => {
    expect(create(COUNT).daily_model_snapshot_retention_after_days).toBe(1);
    expect(
      create({ ...COUNT, model_snapshot_retention_days: 1 }).daily_model_snapshot_retention_after_days,
    ).toBeUndefined();
  });

  it('an embedded datafeed takes the job id as its own id and job id', () => {
    const { datafeed } = create({ ...COUNT, datafeed_config: { indexes: ['logs'] } }, 'with-feed');
    expect(datafeed).toMatchObject({ datafeed_id: 'with-feed', job_id: 'with-feed' });
  });

  it('finished_time sits after create_time, is set and cleared in place, and is not written while empty', () => {
    const job = create(COUNT) as any;
    const written = JSON.stringify(job);
    expect(written).not.toContain('finished_time');
    expect(setFinishedTime(job, 5)).toBe(job);
    const keys = Object.keys(job);
    expect(keys[keys.indexOf('create_time') + 1]).toBe('finished_time');
    expect(JSON.stringify(job)).toContain('"create_time":1,"finished_time":5,"analysis_config"');
    expect(setFinishedTime(job, undefined)).toBe(job);
    expect(JSON.stringify(job)).toBe(written);
  });

  it('a job without the slot (as the store reads it back) gets a copy with finished_time after create_time', () => {
    const stored = JSON.parse(JSON.stringify(create(COUNT)));
    expect(Object.hasOwn(stored, 'finished_time')).toBe(false);
    const finished = setFinishedTime(stored, 7) as any;
    expect(finished).not.toBe(stored);
    const keys = Object.keys(finished);
    expect(keys[keys.indexOf('create_time') + 1]).toBe('finished_time');
    expect(finished.finished_time).toBe(7);
    expect(keys.filter((key) => key !== 'finished_time')).toEqual(Object.keys(stored));
    // From then on it has the slot: set in place.
    expect(setFinishedTime(finished, undefined)).toBe(finished);
    expect(JSON.stringify(finished)).toBe(JSON.stringify(stored));
  });
});

const ILLEGAL = 'illegal_argument_exception';

describe('put-job validation', () => {
  it.each([
    {
      description: 'model_prune_window not a multiple of bucket_span',
      given: {
        analysis_config: { bucket_span: '1h', model_prune_window: '90m', detectors: [{ function: 'count' }] },
        data_description: {},
      },
      want: {
        type: 'x_content_parse_exception',
        cause: 'status_exception: model_prune_window [1.5h] must be a multiple of bucket_span [1h]',
      },
    },
    {
      description: 'model_prune_window shorter than two buckets',
      given: {
        analysis_config: { bucket_span: '1h', model_prune_window: '1h', detectors: [{ function: 'count' }] },
        data_description: {},
      },
      want: {
        type: 'x_content_parse_exception',
        cause:
          'status_exception: model_prune_window [1h] must be at least 2 times greater than bucket_span [1h]',
      },
    },
    {
      description: 'daily retention longer than the retention',
      given: { ...COUNT, model_snapshot_retention_days: 3, daily_model_snapshot_retention_after_days: 4 },
      want: {
        type: ILLEGAL,
        reason:
          'The value of daily_model_snapshot_retention_after_days [4] cannot be greater than model_snapshot_retention_days [3]',
      },
    },
    {
      description: 'a negative daily retention',
      given: { ...COUNT, model_snapshot_retention_days: 3, daily_model_snapshot_retention_after_days: -1 },
      want: {
        type: ILLEGAL,
        reason: 'daily_model_snapshot_retention_after_days cannot be less than 0. Value = -1',
      },
    },
    {
      description: 'model_snapshot_id at creation',
      given: { ...COUNT, model_snapshot_id: 'snap' },
      want: {
        type: ILLEGAL,
        reason:
          'The job is configured with fields [model_snapshot_id] that are illegal to set at job creation',
      },
    },
    {
      description: 'the time field as a by field',
      given: {
        analysis_config: { detectors: [{ function: 'rare', by_field_name: '@timestamp' }] },
        data_description: { time_field: '@timestamp' },
      },
      want: { type: ILLEGAL, reason: 'data_description.time_field may not be used in the analysis_config' },
    },
    {
      description: 'the default time field as a metric field',
      given: {
        analysis_config: { detectors: [{ function: 'mean', field_name: 'time' }] },
        data_description: {},
      },
      want: { type: ILLEGAL, reason: 'data_description.time_field may not be used in the analysis_config' },
    },
    {
      description: 'duplicate detectors, even with explicit indices',
      given: {
        analysis_config: {
          detectors: [
            { function: 'max', field_name: 'r', detector_index: 0 },
            { function: 'max', field_name: 'r', detector_index: 1 },
          ],
        },
        data_description: {},
      },
      want: { type: ILLEGAL, reason: 'Duplicate detectors are not allowed: [max(r)]' },
    },
    {
      description: 'an analyzer together with filters',
      given: {
        analysis_config: {
          categorization_field_name: 'm',
          categorization_analyzer: { tokenizer: 'classic' },
          categorization_filters: ['x'],
          detectors: [{ function: 'count', by_field_name: 'mlcategory' }],
        },
        data_description: {},
      },
      want: {
        type: 'x_content_parse_exception',
        cause:
          'status_exception: categorization_filters cannot be used with categorization_analyzer - instead specify them as pattern_replace char_filters in the analyzer',
      },
    },
    {
      description: 'an empty group',
      given: { ...COUNT, groups: ['foo', ''] },
      want: {
        type: ILLEGAL,
        reason:
          "Invalid group id ''; must be non-empty string and may contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric",
      },
    },
    {
      description: 'an invalid group',
      given: { ...COUNT, groups: ['___'] },
      want: {
        type: ILLEGAL,
        reason:
          "Invalid group id '___'; must be non-empty string and may contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric",
      },
    },
    {
      description: 'an unknown function',
      given: { analysis_config: { detectors: [{ function: 'nonsense' }] }, data_description: {} },
      want: { type: 'x_content_parse_exception', cause: `${ILLEGAL}: Unknown function 'nonsense'` },
    },
    {
      description: 'a model_memory_limit below 1 MiB',
      given: { ...COUNT, analysis_limits: { model_memory_limit: '512kb' } },
      want: {
        type: 'x_content_parse_exception',
        cause: 'status_exception: model_memory_limit must be at least 1 MiB. Value = 0',
      },
    },
  ])('$description', ({ given, want }) => {
    const got = failure(given);
    expect(got.status).toBe(400);
    expect(got.type).toBe(want.type);
    if ('reason' in want) expect(got.reason).toBe(want.reason);
    if ('cause' in want) expect(got.cause).toBe(want.cause);
  });

  it('a limit above xpack.ml.max_model_memory_limit is refused in ByteSizeValue words', () => {
    const body = { ...COUNT, analysis_limits: { model_memory_limit: '10g' } };
    expect(failure(body, 'j', 9 * 1024)).toEqual({
      status: 400,
      type: 'status_exception',
      reason:
        'model_memory_limit [10gb] must be less than the value of the xpack.ml.max_model_memory_limit setting [9gb]',
    });
    // Below the maximum it is kept; without a limit the default is capped by the maximum.
    expect(
      create({ ...COUNT, analysis_limits: { model_memory_limit: '8g' } }, 'j', 9 * 1024).analysis_limits
        .model_memory_limit,
    ).toBe('8192mb');
    expect(create(COUNT, 'j', 512).analysis_limits.model_memory_limit).toBe('512mb');
  });

  it('nesting deeper than 1000 inside a field fails as ObjectParser wraps Jackson', () => {
    const deep = `{"custom_settings":${'['.repeat(1200)}${']'.repeat(1200)}}`;
    // The object is depth 1, so the 1000th bracket (column 19 + 1000) is depth 1001.
    const got = failure(deep);
    expect(got).toMatchObject({
      status: 400,
      type: 'x_content_parse_exception',
      reason: '[1:1019] [job_details] failed to parse field [custom_settings]',
    });
    expect(got.cause).toBe(
      'stream_constraints_exception: Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
    );
  });
});

describe('byte sizes', () => {
  it.each([
    ['3000g', 3000 * 1024 ** 3],
    ['10mb', 10 * 1024 ** 2],
    ['1.5gb', 1.5 * 1024 ** 3],
    ['7b', 7],
  ])('%s is %d bytes', (given, want) => {
    expect(parseByteSize(given, 's')).toBe(want);
  });
  it('a size without unit is refused with the setting name', () => {
    expect(() => parseByteSize('12', 'model_memory_limit')).toThrow(
      'failed to parse setting [model_memory_limit] with value [12] as a size in bytes: unit is missing or unrecognized',
    );
  });
  it.each([
    [10 * 1024 ** 3, '10gb'],
    [1.5 * 1024 ** 3, '1.5gb'],
    [512 * 1024 ** 2, '512mb'],
    [100, '100b'],
  ])('%d bytes print as %s', (bytes, want) => {
    expect(formatByteSize(bytes)).toBe(want);
  });
  it('MiB round down', () => expect(toMb(2 * 1024 ** 2 - 1)).toBe(1));
});

describe('doubles on the wire', () => {
  it.each([
    [42, '42.0'],
    [33.3, '33.3'],
    [1e7, '1.0E7'],
    [0.0001, '1.0E-4'],
    [-2, '-2.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [0.001, '0.001'],
    [9_999_999, '9999999.0'],
    [-1.5e-7, '-1.5E-7'],
    [1.25e21, '1.25E21'],
  ])('%d is written %s, compact and pretty', (value, want) => {
    expect(toJson({ value: new JavaDouble(value) }, false)).toBe(`{"value":${want}}`);
    expect(toJson({ value: new JavaDouble(value) }, true)).toBe(`{\n  "value" : ${want}\n}\n`);
  });
  it('a plain number stays as JSON writes it', () => {
    expect(toJson({ a: [1, 2.5] }, false)).toBe('{"a":[1,2.5]}');
  });
});

describe('detector validation (Detector.Builder.build)', () => {
  const detector = (fields: object): object => ({
    analysis_config: { detectors: [fields] },
    data_description: {},
  });
  it.each([
    [
      { function: 'mean' },
      'Unless a count or temporal function is used one of field_name, by_field_name or over_field_name must be set',
    ],
    [{ function: 'mean', by_field_name: 'b' }, "field_name must be set when the 'mean' function is used"],
    [{ function: 'count', field_name: 'f' }, "field_name cannot be used with function 'count'"],
    [
      { function: 'rare', over_field_name: 'o' },
      "by_field_name must be set when the 'rare' function is used",
    ],
    [
      { function: 'freq_rare', by_field_name: 'b' },
      "over_field_name must be set when the 'freq_rare' function is used",
    ],
    [
      { function: 'nzc', over_field_name: 'o' },
      "over_field_name cannot be used with function 'non_zero_count'",
    ],
    [
      { function: 'count', by_field_name: 'a"b' },
      'Invalid field name \'a"b\'. Field names including over, by and partition fields cannot contain any of these characters: ",\\',
    ],
    [
      { function: 'count', by_field_name: 'x', partition_field_name: 'x' },
      "partition_field_name and by_field_name cannot be the same: 'x'",
    ],
    [
      { function: 'count', by_field_name: 'x', over_field_name: 'x' },
      "by_field_name and over_field_name cannot be the same: 'x'",
    ],
    [{ function: 'count', by_field_name: 'count' }, "'count' is not a permitted value for by_field_name"],
    [{ function: 'count', over_field_name: 'by' }, "'by' is not a permitted value for over_field_name"],
    [
      { function: 'count', custom_rules: [{ scope: { c: { filter_id: 'f' } } }] },
      "Invalid detector rule: scope field 'c' is invalid; detector has no available fields for scoping",
    ],
    [
      {
        function: 'count',
        by_field_name: 'b',
        over_field_name: 'a',
        custom_rules: [{ scope: { c: { filter_id: 'f' } } }],
      },
      "Invalid detector rule: scope field 'c' is invalid; select from [a, b]",
    ],
    [
      {
        function: 'rare',
        by_field_name: 'b',
        custom_rules: [{ conditions: [{ applies_to: 'actual', operator: 'gt', value: 1 }] }],
      },
      'Invalid detector rule: function rare only supports conditions that apply to time',
    ],
    [
      { function: 'count', custom_rules: [{ actions: ['skip_result'] }] },
      'Invalid detector rule: at least scope or a condition is required',
    ],
  ])('%j is refused', (given, reason) => {
    expect(failure(detector(given))).toEqual({
      status: 400,
      type: 'x_content_parse_exception',
      reason: expect.stringMatching(/^\[1:\d+\] \[job_details\] failed to parse field \[analysis_config\]$/u),
      cause: `status_exception: ${reason}`,
    });
  });

  it('detectors that differ only in their given descriptions are not duplicates', () => {
    const body = {
      analysis_config: {
        detectors: [
          { function: 'max', field_name: 'r', detector_description: 'one' },
          { function: 'max', field_name: 'r', detector_description: 'two' },
        ],
      },
      data_description: {},
    };
    expect(create(body).analysis_config.detectors).toHaveLength(2);
  });
});
