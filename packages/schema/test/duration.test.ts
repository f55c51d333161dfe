import { describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import { isDuration } from '../src/index.js';
import { validators } from '../src/validators.js';
import upstream from './fixtures/upstream-openapi-close-job.json' with { type: 'json' };

// What Elasticsearch's TimeValue.parseTimeValue accepts and rejects (CJ-DUR-001 to CJ-DUR-006, CJ-DUR-008 to
// CJ-DUR-010, and the spec's Duration description).
const accepted = [
  { description: 'minutes', given: '30m' },
  { description: 'seconds', given: '5s' },
  { description: 'milliseconds', given: '500ms' },
  { description: 'nanoseconds', given: '10nanos' },
  { description: 'microseconds', given: '10micros' },
  { description: 'hours', given: '1h' },
  { description: 'days', given: '2d' },
  { description: 'bare zero', given: '0' },
  { description: 'bare zeros', given: '00' },
  { description: 'bare minus one', given: '-1' },
  { description: 'minus one with leading zeros', given: '-001' },
  { description: 'minus one with a unit', given: '-1s' },
  { description: 'upper-case seconds', given: '30S' },
  { description: 'upper-case hours', given: '1H' },
  { description: 'upper-case days', given: '2D' },
  { description: 'upper-case milliseconds', given: '5MS' },
  { description: 'space between number and unit', given: '30 m' },
  { description: 'leading and trailing spaces around seconds', given: ' 5s ' },
  { description: 'explicit plus sign', given: '+5s' },
  { description: 'leading zeros', given: '007s' },
  { description: 'the largest long', given: '9223372036854775807s' },
  { description: 'zero with a unit', given: '0s' },
];

const rejected = [
  { description: 'months (capital M)', given: '30M' },
  { description: 'minutes followed by a space', given: '30m ' },
  { description: 'a bare number', given: '30' },
  { description: 'a fraction', given: '1.5s' },
  { description: 'a negative number below -1', given: '-2s' },
  { description: 'minus five seconds', given: '-5s' },
  { description: 'junk before a unit', given: 'xs' },
  { description: 'no number', given: 'm' },
  { description: 'letters only', given: 'abc' },
  { description: 'empty', given: '' },
  { description: 'weeks', given: '1w' },
  { description: 'years', given: '1y' },
  { description: 'exponent notation', given: '1e3s' },
  { description: 'a long overflow', given: '9223372036854775808s' },
  { description: 'a sign followed by a space', given: '- 1s' },
  { description: 'a bare plus one', given: '+1' },
];

describe('Duration', () => {
  it.each(accepted)('accepts $description ($given)', ({ given }) => {
    expect(validators.duration(given)).toEqual({ valid: true, errors: [] });
    expect(isDuration(given)).toBe(true);
  });

  it.each(rejected)('rejects $description ($given)', ({ given }) => {
    const result = validators.duration(given);
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toMatch(/must be an Elasticsearch duration/);
    expect(isDuration(given)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(validators.duration(30).valid).toBe(false);
    expect(isDuration(30)).toBe(false);
  });

  it('accepts "0" and "-1", which Elastic\'s overlapping oneOf makes a strict validator reject', () => {
    const Ajv2020 = Ajv2020Module.default;
    const ajv = new Ajv2020({ strict: false });
    const elasticDuration = ajv.compile(upstream.components.schemas['_types.Duration']);
    // Elastic's schema: "0" matches both the plain string branch and the enum ["0"] branch, so oneOf fails.
    expect(elasticDuration('0')).toBe(false);
    expect(elasticDuration('-1')).toBe(false);
    expect(validators.duration('0').valid).toBe(true);
    expect(validators.duration('-1').valid).toBe(true);
  });
});
