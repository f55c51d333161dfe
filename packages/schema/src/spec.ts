// The bundled OpenAPI document, importable at runtime, with small helpers to find operations in it.
import bundled from './generated/openapi.json' with { type: 'json' };
import { derefLocalRef, resolveLocalRef } from './local-ref.js';

/** A JSON value, as the bundled spec holds them. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The bundled spec (OpenAPI 3.1, components referenced with local `$ref`s). */
export const spec = bundled as unknown as {
  openapi: string;
  info: { title: string; version: string } & Record<string, Json>;
  paths: Record<string, Record<string, OperationObject>>;
  components: Record<string, Record<string, Json>>;
  'x-requirements': Json[];
  'x-upstream-discrepancies': Json[];
} & Record<string, Json>;

/** The parts of an operation object that code reads. */
export interface OperationObject {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Json[];
  requestBody?: Json;
  responses: Record<string, Json>;
  [key: string]: unknown;
}

/** An operation with the path and method it lives at. */
export interface LocatedOperation {
  path: string;
  method: string;
  operation: OperationObject;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Every operation in the spec, in document order. */
export function listOperations(): LocatedOperation[] {
  const found: LocatedOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (HTTP_METHODS.has(method)) found.push({ path, method, operation });
    }
  }
  return found;
}

/** The operation with this operationId; throws when the spec has none. */
export function getOperation(operationId: string): LocatedOperation {
  const found = listOperations().find((entry) => entry.operation.operationId === operationId);
  if (!found) throw new Error(`the spec has no operation with operationId '${operationId}'`);
  return found;
}

/**
 * Follows a local `$ref` (`#/components/...`) in the bundled spec. For another document, see `resolveLocalRef`
 * of `@mlclose/schema/local-ref`.
 */
export function resolveRef(ref: string): Json {
  return resolveLocalRef(spec, ref) as Json;
}

/**
 * Replaces a `{ $ref }` object by its target in the bundled spec, repeatedly; other values are returned as they
 * are. For another document, see `derefLocalRef` of `@mlclose/schema/local-ref`.
 */
export function deref(value: Json): Json {
  return derefLocalRef(spec, value) as Json;
}
