// @mlclose/schema/duration: the Duration check alone, a narrow entry that loads one small module.
import { DURATION_PATTERN } from './generated/constants.js';

export { DURATION_PATTERN };

const durationRegExp = new RegExp(DURATION_PATTERN, 'u');

/**
 * Whether a string is a Duration that Elasticsearch accepts (`30m`, `5s`, `-1`, `0`; not `30M`, `1.5s`, `-2s`).
 * The pattern comes from the spec, so this never drifts from the JSON Schema validators.
 */
export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && durationRegExp.test(value);
}
