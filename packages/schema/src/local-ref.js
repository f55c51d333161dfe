// Local `$ref`s (`#/components/...`) in an OpenAPI document, exported as '@mlclose/schema/local-ref'. Plain
// JavaScript so that scripts/generate.mjs, which reads the freshly bundled spec, spec.ts, which reads the committed
// one, and the docs, which read any spec object, follow refs the same way. Refs are JSON Pointers (RFC 6901) in a
// URI fragment; the bundler writes them unencoded, so `~1` and `~0` are the only escapes decoded.

/** An array index in a JSON Pointer: `0` or digits without a leading zero. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * What a local `$ref` points at in `document`: `#` is the document itself, `#/a/b` its member `a`, then `b`
 * (`~1` in a segment stands for `/`, `~0` for `~`). Only the document's own members count, never inherited
 * properties (`#/constructor` is unresolvable), and arrays take only indices.
 *
 * @param {unknown} document Any JSON value, usually a whole OpenAPI document.
 * @param {string} ref A `$ref` value such as `#/components/schemas/Duration`.
 * @returns {unknown} The value the ref points at.
 * @throws {Error} When `ref` is not local (`#` or `#/...`), or points at nothing in `document`.
 */
export function resolveLocalRef(document, ref) {
  if (ref === '#') return document;
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got '${ref}'`);
  let node = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const found =
      node !== null &&
      typeof node === 'object' &&
      (!Array.isArray(node) || ARRAY_INDEX.test(key)) &&
      Object.hasOwn(node, key);
    if (!found) throw new Error(`unresolvable $ref '${ref}'`);
    node = /** @type {Record<string, unknown>} */ (node)[key];
  }
  return node;
}

/**
 * Follows `value` while it is a `{ $ref }` object: returns the first value along the chain that is not one.
 * Any other value (an array, a primitive, an object without a string `$ref`) is returned as it is; nested refs
 * are left in place.
 *
 * @param {unknown} document Any JSON value, usually a whole OpenAPI document, that the refs point into.
 * @param {unknown} value A value of `document`, such as an operation's response or parameter.
 * @returns {unknown} `value`, or what its chain of refs ends at.
 * @throws {Error} When a ref along the chain is unresolvable (see {@link resolveLocalRef}), or the chain comes
 *   back to a ref it already followed (`circular $ref`).
 */
export function derefLocalRef(document, value) {
  let current = value;
  const seen = new Set();
  while (
    current &&
    typeof current === 'object' &&
    !Array.isArray(current) &&
    '$ref' in current &&
    typeof current.$ref === 'string'
  ) {
    if (seen.has(current.$ref)) throw new Error(`circular $ref '${current.$ref}'`);
    seen.add(current.$ref);
    current = resolveLocalRef(document, current.$ref);
  }
  return current;
}
