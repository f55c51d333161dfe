// @mlclose/schema: the types, constants and requirement catalogue generated from spec/openapi.yaml.
// Runtime validators live in '@mlclose/schema/validators' and the bundled spec in '@mlclose/schema/spec',
// so that importing this entry never loads a JSON Schema engine. '@mlclose/schema/duration' holds only the
// Duration check, for code that must load fast (the client) and needs nothing else at run time.
import type { components, operations, paths } from './generated/types.js';

export type { components, operations, paths };
export { DURATION_PATTERN, isDuration } from './duration.js';
export {
  CLOSE_JOB_ACTION,
  CLOSE_JOB_OPERATION_ID,
  DATAFEED_STATES,
  JOB_STATES,
} from './generated/constants.js';
export { REQUIREMENTS, SPEC_VERSION, type RequirementId } from './generated/requirements.js';
export type { Requirement, RequirementReach } from './requirement.js';

type Schemas = components['schemas'];
type CloseJobOperation = operations['ml-close-job'];

/** A time value as Elasticsearch accepts it: `30m`, `5s`, `500ms`, `-1`, `0`. */
export type Duration = Schemas['Duration'];
/** A job state: `opening`, `opened`, `closing`, `closed` or `failed`. */
export type JobState = Schemas['JobState'];
/** A datafeed state: `started`, `stopped`, `starting` or `stopping`. */
export type DatafeedState = Schemas['DatafeedState'];
/** A close-job expression: ids, groups and wildcards separated by commas, or `_all`, `*`. */
export type JobIdExpression = Schemas['JobIdExpression'];
/** One job id as create-job accepts it. */
export type JobId = Schemas['JobId'];

/** The path parameters of close-job. */
export type CloseJobPathParams = CloseJobOperation['parameters']['path'];
/** The query parameters of close-job (all optional). */
export type CloseJobQuery = NonNullable<CloseJobOperation['parameters']['query']>;
/** The JSON body of close-job (all optional). */
export type CloseJobRequestBody = NonNullable<
  CloseJobOperation['requestBody']
>['content']['application/json'];
/** The options of close-job, as the official client's `ml.closeJob` takes them. */
export type CloseJobOptions = Pick<CloseJobQuery, 'allow_no_match' | 'force' | 'timeout'>;
/** A close-job request: the expression and the options. */
export type CloseJobRequest = CloseJobPathParams & CloseJobOptions;
/** The close-job success body: always `{ closed: true }`. */
export type CloseJobResponse = Schemas['CloseJobResponse'];
/** Close-job responses by HTTP status. */
export type CloseJobResponses = CloseJobOperation['responses'];
/** The statuses close-job can answer with an error. */
export type CloseJobErrorStatus = Exclude<keyof CloseJobResponses, 200>;
/** The error body close-job answers with for a status. */
export type CloseJobErrorBody<S extends CloseJobErrorStatus> =
  CloseJobResponses[S]['content']['application/json'];

/** Either Elasticsearch error envelope. */
export type ErrorResponse = Schemas['ErrorResponse'];
/** The detailed error envelope, `{ error: { root_cause, type, reason, ... }, status }`. */
export type DetailedErrorResponse = Schemas['DetailedErrorResponse'];
/** The simple error envelope, `{ error: string, status? }`. */
export type SimpleErrorResponse = Schemas['SimpleErrorResponse'];
/** One exception in the detailed envelope. */
export type ErrorCause = Schemas['ErrorCause'];

/** Create-job body. */
export type JobConfigInput = Schemas['JobConfigInput'];
/** A job as Elasticsearch returns it. */
export type Job = Schemas['Job'];
/** Job stats entry. */
export type JobStats = Schemas['JobStats'];
/** Job stats response. */
export type JobStatsResponse = Schemas['JobStatsResponse'];
/** What a job's input counted: post-data answers and job stats `data_counts`. */
export type DataCounts = Schemas['DataCounts'];
/** Flush-job response. */
export type FlushJobResponse = Schemas['FlushJobResponse'];
/** Put-datafeed body. */
export type DatafeedConfigInput = Schemas['DatafeedConfigInput'];
/** Datafeed stats response. */
export type DatafeedStatsResponse = Schemas['DatafeedStatsResponse'];
/** Test-control discovery document of the reference server. */
export type TestControlInfo = Schemas['TestControlInfo'];
/** Test-control job behaviour. */
export type JobBehaviour = Schemas['JobBehaviour'];
/** Test-control datafeed behaviour. */
export type DatafeedBehaviour = Schemas['DatafeedBehaviour'];
/** Test-control delete-by-prefix body. */
export type DeleteByPrefixRequest = Schemas['DeleteByPrefixRequest'];
/** Test-control delete-by-prefix answer: what was deleted. */
export type DeleteByPrefixResponse = Schemas['DeleteByPrefixResponse'];
