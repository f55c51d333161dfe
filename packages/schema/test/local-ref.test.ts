import { describe, expect, expectTypeOf, it } from 'vitest';
import { derefLocalRef, resolveLocalRef } from '../src/local-ref.js';

// A small document with the shapes the bundled spec and the docs' example lookups meet: chains of refs,
// component names that need `~0`/`~1`, arrays, and refs that go nowhere or in circles.
const document = {
  paths: {
    '/_ml/anomaly_detectors/{job_id}/_close': {
      post: { responses: { '200': { $ref: '#/components/responses/Closed' } } },
    },
  },
  components: {
    responses: {
      Closed: { $ref: '#/components/responses/ClosedTarget' },
      ClosedTarget: { description: 'closed', content: { 'application/json': { examples: {} } } },
      Loop: { $ref: '#/components/responses/LoopBack' },
      LoopBack: { $ref: '#/components/responses/Loop' },
      Self: { $ref: '#/components/responses/Self' },
      Dangling: { $ref: '#/components/responses/Nowhere' },
    },
    schemas: {
      'a/b': { type: 'string' },
      'a~b': { type: 'integer' },
      '~1': { type: 'boolean' },
      Nullable: null,
      Zero: 0,
      List: [{ type: 'string' }, { $ref: '#/components/schemas/a~1b' }],
    },
  },
};

describe('resolveLocalRef', () => {
  it.each([
    {
      description: 'a component',
      given: '#/components/responses/ClosedTarget',
      want: document.components.responses.ClosedTarget,
    },
    { description: '`~1` decodes to `/`', given: '#/components/schemas/a~1b', want: { type: 'string' } },
    { description: '`~0` decodes to `~`', given: '#/components/schemas/a~0b', want: { type: 'integer' } },
    // `~01` is `~` then `1`, not `/`: `~1` is decoded first (RFC 6901's order).
    { description: '`~01` decodes to `~1`', given: '#/components/schemas/~01', want: { type: 'boolean' } },
    {
      description: 'a path key with every `/` escaped',
      given: '#/paths/~1_ml~1anomaly_detectors~1{job_id}~1_close/post/responses/200',
      want: { $ref: '#/components/responses/Closed' },
    },
    { description: 'an array index', given: '#/components/schemas/List/0', want: { type: 'string' } },
    { description: 'a null member', given: '#/components/schemas/Nullable', want: null },
    { description: 'a falsy member', given: '#/components/schemas/Zero', want: 0 },
    { description: 'the document itself', given: '#', want: document },
  ])('resolves $description', ({ given, want }) => {
    expect(resolveLocalRef(document, given)).toEqual(want);
  });

  it('does not follow the ref it lands on', () => {
    expect(resolveLocalRef(document, '#/components/responses/Closed')).toEqual({
      $ref: '#/components/responses/ClosedTarget',
    });
  });

  it.each([
    { description: 'a missing member', given: '#/components/schemas/Missing' },
    { description: 'a member of a missing member', given: '#/components/missing/Thing' },
    { description: 'a member of a primitive', given: '#/components/schemas/Zero/x' },
    { description: 'a member of null', given: '#/components/schemas/Nullable/x' },
    { description: 'an unescaped `/` in a key', given: '#/components/schemas/a/b' },
    { description: 'an inherited property', given: '#/components/constructor' },
    { description: 'an inherited property of an array', given: '#/components/schemas/List/length' },
    { description: 'an array index out of range', given: '#/components/schemas/List/2' },
    { description: 'an array index with a leading zero', given: '#/components/schemas/List/00' },
  ])('rejects $description as unresolvable', ({ given }) => {
    expect(() => resolveLocalRef(document, given)).toThrow(`unresolvable $ref '${given}'`);
  });

  it.each([
    { description: 'another file', given: 'other.yaml#/components/schemas/A' },
    { description: 'a URL', given: 'https://example.com/openapi.json#/components' },
    { description: 'a fragment without a leading slash', given: '#components/schemas' },
    { description: 'an empty ref', given: '' },
  ])('rejects $description as not local', ({ given }) => {
    expect(() => resolveLocalRef(document, given)).toThrow(`only local $refs are supported, got '${given}'`);
  });
});

describe('derefLocalRef', () => {
  it('follows a chain of refs to its end', () => {
    const response = document.paths['/_ml/anomaly_detectors/{job_id}/_close'].post.responses['200'];
    expect(derefLocalRef(document, response)).toBe(document.components.responses.ClosedTarget);
  });

  it.each([
    { description: 'an object without $ref', given: { type: 'string' } },
    { description: 'an object whose $ref is not a string', given: { $ref: 42 } },
    { description: 'an array', given: [{ $ref: '#/components/schemas/a~1b' }] },
    { description: 'null', given: null },
    { description: 'undefined', given: undefined },
    { description: 'a string', given: '#/components/schemas/a~1b' },
    { description: 'zero', given: 0 },
  ])('returns $description as it is', ({ given }) => {
    expect(derefLocalRef(document, given)).toBe(given);
  });

  it('leaves nested refs in place', () => {
    const list = document.components.schemas.List;
    expect(derefLocalRef(document, { $ref: '#/components/schemas/List' })).toBe(list);
    expect(list[1]).toEqual({ $ref: '#/components/schemas/a~1b' });
  });

  it.each([
    { description: 'two refs pointing at each other', given: '#/components/responses/Loop' },
    { description: 'a ref pointing at itself', given: '#/components/responses/Self' },
    { description: 'the whole document, from inside it', given: '#' },
  ])('rejects $description as circular', ({ given }) => {
    const loops = { ...document, $ref: '#' };
    expect(() => derefLocalRef(loops, { $ref: given })).toThrow(/^circular \$ref '#/);
  });

  it('rejects a chain that ends at a missing member', () => {
    expect(() => derefLocalRef(document, { $ref: '#/components/responses/Dangling' })).toThrow(
      "unresolvable $ref '#/components/responses/Nowhere'",
    );
  });

  it('follows a long chain that never repeats', () => {
    // No depth limit: only a repeated ref is circular.
    const chain: Record<string, unknown> = { n50: { end: true } };
    for (let i = 0; i < 50; i++) chain[`n${i}`] = { $ref: `#/n${i + 1}` };
    expect(derefLocalRef(chain, { $ref: '#/n0' })).toEqual({ end: true });
  });

  it('takes any value and returns unknown', () => {
    expectTypeOf(derefLocalRef).parameters.toEqualTypeOf<[unknown, unknown]>();
    expectTypeOf(derefLocalRef).returns.toBeUnknown();
    expectTypeOf(resolveLocalRef).parameters.toEqualTypeOf<[unknown, string]>();
    expectTypeOf(resolveLocalRef).returns.toBeUnknown();
  });
});
