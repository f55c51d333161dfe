// Runtime validators compiled from the bundled spec's JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses).
// Other packages validate against these and never against hand-written copies of the schemas.
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { components } from './generated/types.js';
import { DURATION_PATTERN } from './generated/constants.js';
import { deref, getOperation, spec, type Json } from './spec.js';

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

// ajv is CommonJS: under NodeNext its class is the `default` property of the module's default export.
const Ajv2020 = Ajv2020Module.default;

const SPEC_ID = 'mlclose-spec';

/** Turns the spec's schemas into a plain JSON Schema document: `x-` extensions dropped, refs pointed at `$defs`. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') {
      if (!value.startsWith('#/components/schemas/'))
        throw new Error(`unexpected $ref in a schema: ${value}`);
      out[key] = `${SPEC_ID}#/$defs/${value.slice('#/components/schemas/'.length)}`;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  return out;
}

const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
  validateFormats: false,
});
// OpenAPI's own annotation keywords, which JSON Schema does not define.
ajv.addVocabulary(['example', 'externalDocs', 'xml', 'discriminator']);
ajv.addSchema({ $id: SPEC_ID, $defs: toJsonSchema(spec.components.schemas as Json) } as object);

const cache = new Map<string, ValidateFunction>();

function compile(key: string, schema: () => Json): ValidateFunction {
  const cached = cache.get(key);
  if (cached) return cached;
  const validate = ajv.compile(toJsonSchema(schema()) as object);
  cache.set(key, validate);
  return validate;
}

function run(validate: ValidateFunction, value: unknown): ValidationResult {
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

/** Validates a value against a schema of `components.schemas`. */
export function validateSchema(name: SchemaName, value: unknown): ValidationResult {
  if (!(name in spec.components.schemas!)) throw new Error(`the spec has no schema '${String(name)}'`);
  return run(
    compile(`schema:${name}`, () => ({ $ref: `#/components/schemas/${name}` })),
    value,
  );
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

function asObject(value: Json | undefined, what: string): Record<string, Json> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${what} is not an object`);
  return value;
}

/**
 * The schema of an operation's query parameters as one object schema (unknown names rejected). Values are the
 * parsed values (`true`, not `"true"`), as a client holds them before serialising.
 */
function querySchema(operationId: string): Json {
  const { operation } = getOperation(operationId);
  const properties: Record<string, Json> = {};
  for (const raw of operation.parameters ?? []) {
    const parameter = asObject(deref(raw), `a parameter of ${operationId}`);
    if (parameter.in === 'query') properties[String(parameter.name)] = parameter.schema ?? {};
  }
  return { type: 'object', additionalProperties: false, properties };
}

function requestBodySchema(operationId: string): Json {
  const { operation } = getOperation(operationId);
  if (!operation.requestBody) throw new Error(`operation '${operationId}' takes no request body`);
  const body = asObject(deref(operation.requestBody), `the request body of ${operationId}`);
  const content = asObject(body.content, `the request body content of ${operationId}`);
  return asObject(content['application/json'], `the JSON request body of ${operationId}`).schema ?? {};
}

function responseSchema(operationId: string, status: number): Json | undefined {
  const { operation } = getOperation(operationId);
  const response = operation.responses[String(status)];
  if (response === undefined) return undefined;
  const content = asObject(deref(response), `response ${status} of ${operationId}`).content;
  if (!content) return {};
  return asObject(asObject(content, 'content')['application/json'], 'JSON content').schema ?? {};
}

/**
 * Validates a value against any schema object taken from the bundled spec (its `$ref`s may point at
 * `#/components/schemas/...`). Compiled schemas are cached by their JSON text.
 */
export function validateSpecSchema(schema: Json, value: unknown): ValidationResult {
  const text = JSON.stringify(schema);
  return run(
    compile(`inline:${text}`, () => schema),
    value,
  );
}

/** Validates an operation's query parameters (parsed values). */
export function validateQuery(operationId: string, value: unknown): ValidationResult {
  return run(
    compile(`query:${operationId}`, () => querySchema(operationId)),
    value,
  );
}

/** Validates an operation's JSON request body. */
export function validateRequestBody(operationId: string, value: unknown): ValidationResult {
  return run(
    compile(`body:${operationId}`, () => requestBodySchema(operationId)),
    value,
  );
}

/**
 * Validates a response body against what the spec declares for that operation and status. A status the spec
 * does not declare for the operation is itself a failure.
 */
export function validateResponse(operationId: string, status: number, body: unknown): ValidationResult {
  const key = `response:${operationId}:${status}`;
  if (!cache.has(key)) {
    const schema = responseSchema(operationId, status);
    if (schema === undefined) {
      return {
        valid: false,
        errors: [{ path: '', message: `status ${status} is not documented for ${operationId}` }],
      };
    }
    cache.set(key, ajv.compile(toJsonSchema(schema) as object));
  }
  return run(cache.get(key)!, body);
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
