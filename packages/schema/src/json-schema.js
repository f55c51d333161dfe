// How the spec's schemas become JSON Schema for ajv. Shared by scripts/generate.mjs, which compiles the spec's
// validators into src/generated/validators.ts ahead of time, and by `validateSpecSchema`, which compiles a
// caller's schema at run time: both must see the same schemas with the same options, or the precompiled
// validators and the run-time ones would disagree. Plain JavaScript so that the generator can import it.
import { createRequire } from 'node:module';

// ajv and the bundled spec are CommonJS and JSON: required on first use, so that importing the precompiled
// validators never loads them.
const require = createRequire(import.meta.url);

/** The `$id` of the document that holds the spec's `components.schemas` as `$defs`. */
const SPEC_ID = 'mlclose-spec';

/**
 * ajv's options (draft 2020-12, as OpenAPI 3.1 uses). `allErrors` because callers report every problem;
 * formats are annotations in the spec, never checked.
 */
const AJV_OPTIONS = Object.freeze({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
  validateFormats: false,
});

/** OpenAPI's own annotation keywords, which JSON Schema does not define. */
const OPENAPI_KEYWORDS = Object.freeze(['example', 'externalDocs', 'xml', 'discriminator']);

/**
 * Turns a schema of the spec into plain JSON Schema: `x-` extensions dropped, `#/components/schemas/...` refs
 * pointed at the `$defs` of the `SPEC_ID` document.
 * @param {unknown} node
 * @returns {unknown}
 */
export function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  /** @type {Record<string, unknown>} */
  const out = {};
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

/**
 * A configured ajv instance that knows the spec's schemas.
 * @param {unknown} schemas the spec's `components.schemas`
 * @param {import('ajv').Options} [extra] more options, for example `code` for standalone code
 * @returns {import('ajv/dist/2020.js').default}
 */
export function createSpecAjv(schemas, extra = {}) {
  // ajv is CommonJS: its draft 2020-12 class is also the module's `default`.
  const Ajv2020 = require('ajv/dist/2020.js').default;
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...extra });
  ajv.addVocabulary([...OPENAPI_KEYWORDS]);
  ajv.addSchema({ $id: SPEC_ID, $defs: toJsonSchema(schemas) });
  return ajv;
}

/** @type {import('ajv/dist/2020.js').default | undefined} */
let bundledSpecAjv;

/**
 * `createSpecAjv` for the bundled spec, created on first use.
 * @returns {import('ajv/dist/2020.js').default}
 */
export function specAjv() {
  bundledSpecAjv ??= createSpecAjv(require('./generated/openapi.json').components.schemas);
  return bundledSpecAjv;
}
