import { isDuration } from '@mlclose/schema';
import type {
  CloseJobCallOptions,
  CloseJobOptionName,
  CommonQueryParams,
  ParamsIn,
} from './client-options.js';
import { ValidationError } from './errors.js';
import { encodeJobIds } from './job-id.js';

/**
 * The keys `ml.closeJob` takes besides `job_id`. The close options come first: they go to the body or to the
 * query string; the others always go to the query string.
 */
export const CLOSE_JOB_PARAMS = [
  'allow_no_match',
  'force',
  'timeout',
  'error_trace',
  'filter_path',
  'human',
  'pretty',
] as const satisfies readonly (CloseJobOptionName | keyof CommonQueryParams)[];

/**
 * Throws a `ValidationError` for a key of `value` that is not in `known` (a silently ignored option is a bug),
 * or for a `paramsIn` that is neither `body` nor `query`.
 */
export function checkOptions(value: object, known: readonly string[]): void {
  for (const key in value) if (!known.includes(key)) throw new ValidationError('unknown option ' + key);
  const { paramsIn } = value as CloseJobCallOptions;
  if (paramsIn && paramsIn != 'body' && paramsIn != 'query') throw new ValidationError('invalid paramsIn');
}

/** The parts of one close-job request, checked before anything is sent: the encoded `job_id` path segment, the query and the body. */
export type CloseJobRequestParts = [
  path: string,
  query: Record<string, unknown>,
  body: Record<string, unknown> | undefined,
];

/**
 * Checks the arguments of `ml.closeJob` and splits them into path, query and body. Throws a
 * `ValidationError` for an empty `job_id`, a `timeout` that is not a Duration, or an unknown key.
 */
export function buildCloseJobRequest(
  params: object,
  call: CloseJobCallOptions,
  clientParamsIn: ParamsIn | undefined,
): CloseJobRequestParts {
  checkOptions(call, ['signal', 'paramsIn', 'querystring'] satisfies (keyof CloseJobCallOptions)[]);
  const body: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const inQuery = (call.paramsIn ?? clientParamsIn) == 'query';
  // `querystring` keys are routed like the others, so the close options never go to both places (a 400).
  const { job_id, ...rest } = { ...call.querystring, ...params } as Record<string, unknown>;
  checkOptions(rest, CLOSE_JOB_PARAMS);
  for (const [key, value] of Object.entries(rest)) {
    if (key == 'timeout' && value !== undefined && !isDuration(value))
      throw new ValidationError('invalid timeout ' + value);
    (inQuery || CLOSE_JOB_PARAMS.indexOf(key as 'force') > 2 ? query : body)[key] = value;
  }
  // Like the official client, no options means no body: query mode with every default
  // (close-job-behaviour.md §1.2), and no JSON body to stream.
  return [encodeJobIds(job_id), query, inQuery || !Object.keys(body).length ? undefined : body];
}
