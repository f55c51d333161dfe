// Runtime validators for the bundled spec's JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses). Other packages
// validate against these and never against hand-written copies of the schemas. The spec's own schemas are
// compiled ahead of time (`pnpm generate` writes ajv's standalone code to generated/validators.ts), so importing
// this module and validating never compiles anything; ajv itself is loaded only by `validateSpecSchema`, for a
// schema the caller brings.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { components } from './generated/types.js';
import { DURATION_PATTERN } from './generated/constants.js';
import {
  bodyValidators,
  type CompiledValidator,
  queryValidators,
  responseValidators,
  schemaValidators,
} from './generated/validators.js';
import { specAjv, toJsonSchema } from './json-schema.js';
import type { Json } from './spec.js';

type Schemas = components['schemas'];
/** The name of a schema in the spec's `components.schemas`. */
export type SchemaName = keyof Schemas;

/** One reason a value does not match its schema. */
export interface ValidationIssue {
  /** JSON Pointer to the offending value (`''` for the root). */
  path: string;
  /** What is wrong, for example `must match pattern "..."`. */
  message: string;
}

/** The result of a validation. */
export type ValidationResult = { valid: true; errors: [] } | { valid: false; errors: ValidationIssue[] };

/** Thrown by `assertValid` and the `assert*` helpers. */
export class SchemaValidationError extends Error {
  override name = 'SchemaValidationError';
  constructor(
    readonly subject: string,
    readonly issues: ValidationIssue[],
  ) {
    super(
      `${subject} is invalid: ${issues.map((issue) => `${issue.path || '/'} ${issue.message}`).join('; ')}`,
    );
  }
}

function run(validate: CompiledValidator, value: unknown): ValidationResult {
  if (validate(value)) return { valid: true, errors: [] };
  return { valid: false, errors: (validate.errors ?? []).map(toIssue) };
}

function toIssue(error: ErrorObject): ValidationIssue {
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'pattern' && (error.params as { pattern: string }).pattern === DURATION_PATTERN) {
    message =
      'must be an Elasticsearch duration: a whole number and a unit (nanos, micros, ms, s, m, h, d), or -1, or 0';
  } else if (error.keyword === 'additionalProperties') {
    message = `has unknown property '${String((error.params as { additionalProperty: string }).additionalProperty)}'`;
  } else if (error.keyword === 'enum' || error.keyword === 'const') {
    message = `${message}: ${JSON.stringify(error.params)}`;
  }
  return { path: error.instancePath, message };
}

/** The compiled validator for an operation, or the error `getOperation` gives for an unknown operationId. */
function forOperation<V>(table: Readonly<Record<string, V>>, operationId: string): V {
  if (!Object.hasOwn(table, operationId))
    throw new Error(`the spec has no operation with operationId '${operationId}'`);
  return table[operationId]!;
}

/** Validates a value against a schema of `components.schemas`. */
export function validateSchema(name: SchemaName, value: unknown): ValidationResult {
  if (!Object.hasOwn(schemaValidators, name)) throw new Error(`the spec has no schema '${String(name)}'`);
  return run(schemaValidators[name]!, value);
}

/** Whether a value matches a schema of `components.schemas`, narrowing its type. */
export function isValid<N extends SchemaName>(name: N, value: unknown): value is Schemas[N] {
  return validateSchema(name, value).valid;
}

/** Throws `SchemaValidationError` unless the value matches the schema. */
export function assertValid<N extends SchemaName>(name: N, value: unknown): asserts value is Schemas[N] {
  const result = validateSchema(name, value);
  if (!result.valid) throw new SchemaValidationError(String(name), result.errors);
}

const inlineCache = new Map<string, ValidateFunction>();

/**
 * Validates a value against any schema object taken from the bundled spec (its `$ref`s may point at
 * `#/components/schemas/...`). Compiled at run time (the first call loads ajv); compiled schemas are cached by
 * their JSON text.
 */
export function validateSpecSchema(schema: Json, value: unknown): ValidationResult {
  const text = JSON.stringify(schema);
  let validate = inlineCache.get(text);
  if (!validate) {
    validate = specAjv().compile(toJsonSchema(schema) as object);
    inlineCache.set(text, validate);
  }
  return run(validate, value);
}

/** Validates an operation's query parameters (parsed values). */
export function validateQuery(operationId: string, value: unknown): ValidationResult {
  return run(forOperation(queryValidators, operationId), value);
}

/** Validates an operation's JSON request body. */
export function validateRequestBody(operationId: string, value: unknown): ValidationResult {
  const validate = forOperation(bodyValidators, operationId);
  if (!validate) throw new Error(`operation '${operationId}' takes no request body`);
  return run(validate, value);
}

/**
 * Validates a response body against what the spec declares for that operation and status. A status the spec
 * does not declare for the operation is itself a failure.
 */
export function validateResponse(operationId: string, status: number, body: unknown): ValidationResult {
  const byStatus = forOperation(responseValidators, operationId);
  const key = String(status);
  if (!Object.hasOwn(byStatus, key)) {
    return {
      valid: false,
      errors: [{ path: '', message: `status ${status} is not documented for ${operationId}` }],
    };
  }
  return run(byStatus[key]!, body);
}

const CLOSE_JOB = 'ml-close-job';

/** Ready-made validators for what users reach for most. Each returns a `ValidationResult`. */
export const validators = {
  /** close-job query parameters (parsed values). */
  closeJobQuery: (value: unknown) => validateQuery(CLOSE_JOB, value),
  /** close-job JSON body. */
  closeJobBody: (value: unknown) => validateRequestBody(CLOSE_JOB, value),
  /** close-job 200 body. */
  closeJobResponse: (value: unknown) => validateSchema('CloseJobResponse', value),
  /** Either error envelope. */
  errorResponse: (value: unknown) => validateSchema('ErrorResponse', value),
  /** The detailed error envelope. */
  detailedErrorResponse: (value: unknown) => validateSchema('DetailedErrorResponse', value),
  /** The simple error envelope. */
  simpleErrorResponse: (value: unknown) => validateSchema('SimpleErrorResponse', value),
  /** A Duration string. */
  duration: (value: unknown) => validateSchema('Duration', value),
  /** Create-job body. */
  putJobBody: (value: unknown) => validateSchema('JobConfigInput', value),
  /** Put-datafeed body. */
  putDatafeedBody: (value: unknown) => validateSchema('DatafeedConfigInput', value),
  /** Create-index body. */
  createIndexBody: (value: unknown) => validateSchema('CreateIndexRequest', value),
  /** Job stats response. */
  jobStatsResponse: (value: unknown) => validateSchema('JobStatsResponse', value),
  /** Datafeed stats response. */
  datafeedStatsResponse: (value: unknown) => validateSchema('DatafeedStatsResponse', value),
  /** Post-data 202 body: the counts of one upload. */
  postDataResponse: (value: unknown) => validateSchema('DataCounts', value),
  /** Flush-job JSON body. */
  flushJobBody: (value: unknown) => validateSchema('FlushJobRequest', value),
  /** Flush-job 200 body. */
  flushJobResponse: (value: unknown) => validateSchema('FlushJobResponse', value),
  /** Update-job body. */
  updateJobBody: (value: unknown) => validateSchema('JobUpdateInput', value),
  /** Update-datafeed body. */
  updateDatafeedBody: (value: unknown) => validateSchema('DatafeedUpdateInput', value),
  /** Get-datafeeds response. */
  getDatafeedsResponse: (value: unknown) => validateSchema('GetDatafeedsResponse', value),
  /** Cluster health response. */
  clusterHealthResponse: (value: unknown) => validateSchema('ClusterHealthResponse', value),
  /** Cluster update-settings body. */
  clusterSettingsBody: (value: unknown) => validateSchema('ClusterSettingsRequest', value),
  /** Index-document response. */
  indexDocumentResponse: (value: unknown) => validateSchema('IndexDocumentResponse', value),
  /** Get-document response. */
  getDocumentResponse: (value: unknown) => validateSchema('GetDocumentResponse', value),
  /** Count response. */
  countResponse: (value: unknown) => validateSchema('CountResponse', value),
} as const;
