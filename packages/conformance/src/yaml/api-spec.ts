// Elastic's REST API descriptions (rest-api-spec/api/*.json): each file names one API with its paths (each with
// methods and parts), its query parameters and whether it takes a body; `_common.json` holds the parameters every
// API accepts. A `do` step is turned into a request as ClientYamlTestClient does: among the paths whose parts are
// all given, those with the most parts; the parts go in the path, percent-encoded one by one (a `/` inside a part
// too); every other parameter must be known to the API (or be global, or the client's `ignore`) and goes in the
// query string. Where Elastic's runner picks at random (several best paths, several methods), this runner picks
// deterministically: the first best path in the description, and for a request with a body the first method that
// is not GET or HEAD (else the first).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SuiteParseError } from './parse-error.js';

export interface ApiPath {
  path: string;
  methods: string[];
  parts: string[];
}

export interface RestApi {
  name: string;
  paths: ApiPath[];
  /** Query parameters and whether each is required. */
  params: Map<string, boolean>;
  bodySupported: boolean;
  bodyRequired: boolean;
}

export interface RestSpec {
  apis: Map<string, RestApi>;
  globalParams: Set<string>;
}

const DEFAULT_GLOBAL_PARAMS = ['pretty', 'human', 'error_trace', 'source', 'filter_path'];

/** Parameters the client consumes itself (RestClient's `ignore`). */
const CLIENT_PARAMS = new Set(['ignore']);

/** A do step that cannot become a request; Elastic's runner throws these before sending anything. */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
}

function object(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one API description file's JSON. Exported for tests. */
export function parseApiJson(json: unknown, file: string): RestApi | { common: string[] } {
  if (!object(json)) throw new SuiteParseError(`${file}: expected an object`);
  if (path.basename(file) === '_common.json') {
    const params = object(json.params) ? Object.keys(json.params) : [];
    return { common: params };
  }
  const names = Object.keys(json);
  if (names.length !== 1) throw new SuiteParseError(`${file}: expected one API, found [${names.join(', ')}]`);
  const name = names[0]!;
  const api = json[name];
  if (!object(api) || !object(api.url) || !Array.isArray(api.url.paths))
    throw new SuiteParseError(`${file}: [${name}] has no url.paths`);
  const url = api.url;
  // Descriptions before 7.x list paths as strings, with methods and parts shared by all (and params under url).
  const legacyMethods = Array.isArray(api.methods) ? api.methods.map(String) : undefined;
  const legacyParts = object(url.parts) ? Object.keys(url.parts) : [];
  const paths = (url.paths as unknown[]).map((entry, i): ApiPath => {
    if (typeof entry === 'string') {
      if (!legacyMethods) throw new SuiteParseError(`${file}: [${name}] path ${entry} has no methods`);
      return {
        path: entry,
        methods: legacyMethods,
        parts: legacyParts.filter((part) => entry.includes(`{${part}}`)),
      };
    }
    if (!object(entry) || typeof entry.path !== 'string' || !Array.isArray(entry.methods))
      throw new SuiteParseError(`${file}: [${name}] path ${i + 1} needs path and methods`);
    const entryPath = entry.path;
    const parts = object(entry.parts) ? Object.keys(entry.parts) : [];
    for (const part of parts)
      if (!entryPath.includes(`{${part}}`))
        throw new SuiteParseError(`${file}: [${name}] part {${part}} is not in ${entryPath}`);
    return { path: entryPath, methods: entry.methods.map(String), parts };
  });
  const params = new Map<string, boolean>();
  if (object(api.params))
    for (const [param, spec] of Object.entries(api.params))
      params.set(param, object(spec) && spec.required === true);
  const body = api.body;
  return {
    name,
    paths,
    params,
    bodySupported: body !== undefined && body !== null,
    bodyRequired: object(body) && body.required === true,
  };
}

/** Loads every *.json of a directory. */
export async function loadRestSpec(dir: string): Promise<RestSpec> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (error) {
    throw new SuiteParseError(
      `cannot read the API directory ${dir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const spec: RestSpec = { apis: new Map(), globalParams: new Set() };
  for (const entry of entries) {
    const file = path.join(dir, entry);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new SuiteParseError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = parseApiJson(json, file);
    if ('common' in parsed) for (const p of parsed.common) spec.globalParams.add(p);
    else spec.apis.set(parsed.name, parsed);
  }
  // Without _common.json, the parameters Elastic documents as common to every API.
  if (!entries.includes('_common.json')) for (const p of DEFAULT_GLOBAL_PARAMS) spec.globalParams.add(p);
  if (spec.apis.size === 0) throw new SuiteParseError(`${dir} holds no API descriptions (*.json)`);
  return spec;
}

/** Java's URI path quoting of one part, then `/` escaped (ClientYamlTestClient). */
export function encodePathPart(value: string): string {
  return Array.from(new TextEncoder().encode(value), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9\-._~!$&'()*+,;=:@]/.test(c)
      ? c
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

export interface PlannedCall {
  method: string;
  /** Path with the query string. */
  path: string;
  /** Status codes the client must not treat as errors (`ignore`). */
  ignore: number[];
}

/** Turns an API name and its string parameters into a method and a path. Throws ApiCallError. */
export function planCall(
  spec: RestSpec,
  apiName: string,
  params: Record<string, string>,
  hasBody: boolean,
): PlannedCall {
  const api = spec.apis.get(apiName);
  if (!api)
    throw new ApiCallError(
      `Rest api [${apiName}] cannot be found in the rest spec (no ${apiName}.json in --api)`,
    );
  const given = new Set(Object.keys(params));
  let best: ApiPath[] = [];
  let bestCount = -1;
  for (const candidate of api.paths) {
    if (!candidate.parts.every((part) => given.has(part))) continue;
    if (candidate.parts.length > bestCount) {
      best = [candidate];
      bestCount = candidate.parts.length;
    } else if (candidate.parts.length === bestCount) best.push(candidate);
  }
  const chosen = best[0];
  if (!chosen)
    throw new ApiCallError(`Unable to find a matching path for api [${apiName}][${[...given].join(', ')}]`);
  const required = new Set([...api.params].filter(([, isRequired]) => isRequired).map(([name]) => name));
  const query: string[] = [];
  let ignore: number[] = [];
  let finalPath = chosen.path;
  for (const [name, value] of Object.entries(params)) {
    if (chosen.parts.includes(name)) {
      finalPath = finalPath.split(`{${name}}`).join(encodePathPart(value).replace(/\//g, '%2F'));
    } else if (CLIENT_PARAMS.has(name)) {
      ignore = value.split(',').map((code) => {
        const status = Number(code.trim());
        if (!Number.isInteger(status)) throw new ApiCallError(`ignore: [${code}] is not a status code`);
        return status;
      });
    } else if (api.params.has(name) || spec.globalParams.has(name)) {
      query.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
      required.delete(name);
    } else {
      throw new ApiCallError(`path/param [${name}] not supported by [${apiName}] api`);
    }
  }
  if (required.size > 0)
    throw new ApiCallError(`missing required parameter: [${[...required].join(', ')}] by [${apiName}] api`);
  if (hasBody && !api.bodySupported) throw new ApiCallError(`body is not supported by [${apiName}] api`);
  if (!hasBody && api.bodyRequired) throw new ApiCallError(`body is required by [${apiName}] api`);
  const method =
    (hasBody ? chosen.methods.find((m) => m !== 'GET' && m !== 'HEAD') : undefined) ?? chosen.methods[0];
  if (!method) throw new ApiCallError(`[${apiName}] path ${chosen.path} lists no methods`);
  return { method, path: query.length > 0 ? `${finalPath}?${query.join('&')}` : finalPath, ignore };
}
