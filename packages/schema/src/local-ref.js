// Local `$ref`s (`#/components/...`) in an OpenAPI document. Plain JavaScript so that scripts/generate.mjs, which
// reads the freshly bundled spec, and spec.ts, which reads the committed one, follow refs the same way.

/**
 * What a local `$ref` points at in `document`.
 * @param {unknown} document
 * @param {string} ref
 * @returns {unknown}
 */
export function resolveLocalRef(document, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got '${ref}'`);
  let node = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) {
      throw new Error(`unresolvable $ref '${ref}'`);
    }
    node = /** @type {Record<string, unknown>} */ (node)[key];
  }
  return node;
}

/**
 * Replaces a `{ $ref }` object by its target in `document`, repeatedly; other values are returned as they are.
 * @param {unknown} document
 * @param {unknown} value
 * @returns {unknown}
 */
export function derefLocal(document, value) {
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
