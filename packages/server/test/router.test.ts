// Route matching (CJ-ROUTE-002, CJ-ROUTE-003): the trie walk over the raw path against a table, and against
// the plain rule it implements (split the path, keep every route whose literal segments equal the path's,
// most specific first) over random paths and route sets.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedMethods, Router, splitPath, type Method, type RouteMatch } from '../src/http/router.js';

const ROUTES = [
  '/',
  '/{index}',
  '/{index}/_doc/{id}',
  '/_ml/anomaly_detectors',
  '/_ml/anomaly_detectors/_stats',
  '/_ml/anomaly_detectors/{job_id}',
  '/_ml/anomaly_detectors/{job_id}/_close',
  '/_ml/anomaly_detectors/{job_id}/_stats',
  '/_ml/datafeeds/{datafeed_id}',
  '/{index}/_alias/{name}',
  '/_alias/{name}',
];
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'DELETE'];

/** A router whose handlers are the route paths, under a method that depends on the route's position. */
function routerOf(paths: readonly string[]): Router<string> {
  const router = new Router<string>();
  paths.forEach((path, i) => {
    router.add(path, { [METHODS[i % METHODS.length]!]: path });
  });
  return router;
}

function matched(router: Router<string>, path: string): { route: string; params: Record<string, string> }[] {
  return router.match(path).map((match) => ({
    route: Object.values(match.route.handlers)[0]!,
    params: paramsOf(match),
  }));
}

function paramsOf({ paramNames, rawValues }: RouteMatch<string>): Record<string, string> {
  expect(rawValues).toHaveLength(paramNames.length);
  return Object.fromEntries(paramNames.map((name, i) => [name, rawValues[i]!]));
}

/** The rule itself, without a trie: compare the split path with every route, order by specificity. */
function referenceMatch(
  paths: readonly string[],
  path: string,
): { route: string; params: Record<string, string> }[] {
  const parts = splitPath(path);
  const found: { route: string; params: Record<string, string>; rank: string; order: number }[] = [];
  paths.forEach((route, order) => {
    const segments = splitPath(route);
    if (segments.length !== parts.length) return;
    const params: Record<string, string> = {};
    let rank = '';
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      if (segment.startsWith('{') && segment.endsWith('}')) {
        params[segment.slice(1, -1)] = parts[i]!;
        rank += '1';
      } else if (segment === parts[i]) rank += '0';
      else return;
    }
    found.push({ route, params, rank, order });
  });
  found.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.order - b.order));
  return found.map(({ route, params }) => ({ route, params }));
}

describe('Router.match', () => {
  const router = routerOf(ROUTES);

  it.each([
    {
      description: 'a literal segment beats a parameter at the same position',
      given: '/_ml/anomaly_detectors/_stats',
      want: [
        { route: '/_ml/anomaly_detectors/_stats', params: {} },
        { route: '/_ml/anomaly_detectors/{job_id}', params: { job_id: '_stats' } },
      ],
    },
    {
      description: 'the close path, with its raw (still encoded) id',
      given: '/_ml/anomaly_detectors/a%2Cb/_close',
      want: [{ route: '/_ml/anomaly_detectors/{job_id}/_close', params: { job_id: 'a%2Cb' } }],
    },
    {
      description: 'parameters in several positions',
      given: '/_ml/_alias/x',
      want: [{ route: '/{index}/_alias/{name}', params: { index: '_ml', name: 'x' } }],
    },
    {
      description: 'trailing slashes are dropped',
      given: '/_ml/anomaly_detectors/j1/_close//',
      want: [{ route: '/_ml/anomaly_detectors/{job_id}/_close', params: { job_id: 'j1' } }],
    },
    {
      description: 'an empty segment inside the path is a segment a parameter matches',
      given: '/_ml/anomaly_detectors//_close',
      want: [{ route: '/_ml/anomaly_detectors/{job_id}/_close', params: { job_id: '' } }],
    },
    { description: 'the root', given: '/', want: [{ route: '/', params: {} }] },
    { description: 'only slashes are the root', given: '///', want: [{ route: '/', params: {} }] },
    {
      description: 'one segment is an index',
      given: '/_ml',
      want: [{ route: '/{index}', params: { index: '_ml' } }],
    },
    { description: 'no route has that many segments', given: '/a/b/c/d/e/f', want: [] },
    {
      description: 'a near miss of a literal is no match',
      given: '/_ml/anomaly_detector/j1/_close',
      want: [],
    },
  ])('$description', ({ given, want }) => {
    expect(matched(router, given)).toEqual(want);
  });

  it('routes of the same shape keep their declaration order, and the 405 methods are their union', () => {
    const same = new Router<string>()
      .add('/_ml/{a}', { GET: 'first' })
      .add('/_ml/{b}', { PUT: 'second', GET: 'second' });
    const matches = same.match('/_ml/x');
    expect(matches.map(({ route }) => route.handlers.GET)).toEqual(['first', 'second']);
    expect(matches.map(paramsOf)).toEqual([{ a: 'x' }, { b: 'x' }]);
    expect(allowedMethods(matches)).toEqual(['GET', 'PUT']);
  });

  const segment = fc.constantFrom(
    '',
    '_ml',
    '_ml_',
    'anomaly_detectors',
    '_close',
    '_stats',
    '_doc',
    'x',
    '%2F',
  );
  const routeSegment = fc.constantFrom(
    '_ml',
    'anomaly_detectors',
    '_close',
    '_stats',
    '_doc',
    'x',
    '{a}',
    '{b}',
  );

  it('matches what comparing the split path with every route matches, in the same order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.array(routeSegment, { maxLength: 4 }).map((segments) => `/${segments.join('/')}`),
          { maxLength: 12 },
        ),
        fc.array(segment, { maxLength: 5 }),
        fc.constantFrom('/', '', '//'),
        fc.constantFrom('', '/', '//'),
        (routes, segments, lead, trail) => {
          const path = `${lead}${segments.join('/')}${trail}`;
          expect(matched(routerOf(routes), path)).toEqual(referenceMatch(routes, path));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('Router.find', () => {
  const router = routerOf(ROUTES);

  it.each([
    {
      description: 'the close route, with its raw (still encoded) id',
      given: '/_ml/anomaly_detectors/a%2Cb/_close',
      method: 'PUT' as const,
      want: { route: '/_ml/anomaly_detectors/{job_id}/_close', params: { job_id: 'a%2Cb' } },
    },
    {
      description: 'the literal route when it has the method',
      given: '/_ml/anomaly_detectors/_stats',
      method: 'GET' as const,
      want: { route: '/_ml/anomaly_detectors/_stats', params: {} },
    },
    {
      description: 'a parameter route when the literal one lacks the method',
      given: '/_ml/anomaly_detectors/_stats',
      method: 'POST' as const,
      want: { route: '/_ml/anomaly_detectors/{job_id}', params: { job_id: '_stats' } },
    },
    {
      description: 'nothing when no matching route has the method',
      given: '/_ml/anomaly_detectors/_stats',
      method: 'PUT' as const,
      want: undefined,
    },
    {
      description: 'parameters in several positions',
      given: '/_ml/_alias/x',
      method: 'POST' as const,
      want: { route: '/{index}/_alias/{name}', params: { index: '_ml', name: 'x' } },
    },
    {
      description: 'nothing when no route matches',
      given: '/a/b/c/d/e/f',
      method: 'GET' as const,
      want: undefined,
    },
  ])('$description', ({ given, method, want }) => {
    const found = router.find(given, method);
    expect(found && { route: found.handler, params: paramsOf(found) }).toEqual(want);
  });

  it('goes back to a parameter it passed when the literal way dead-ends deeper down, or lacks the method', () => {
    const router = new Router<string>()
      .add('/a/b/c', { GET: 'literal' })
      .add('/{x}/b/d', { GET: 'parameter' })
      .add('/a/{y}', { PUT: 'literal then parameter' })
      .add('/{x}/{y}', { PUT: 'two parameters', POST: 'two parameters' });
    const find = (path: string, method: Method) => {
      const found = router.find(path, method);
      return found && { handler: found.handler, params: paramsOf(found) };
    };
    expect(find('/a/b/c', 'GET')).toEqual({ handler: 'literal', params: {} });
    expect(find('/a/b/d', 'GET')).toEqual({ handler: 'parameter', params: { x: 'a' } });
    expect(find('/a/b', 'PUT')).toEqual({ handler: 'literal then parameter', params: { y: 'b' } });
    expect(find('/a/b', 'POST')).toEqual({ handler: 'two parameters', params: { x: 'a', y: 'b' } });
    expect(find('/a/b/e', 'GET')).toBeUndefined();
  });

  it('finds the first route of match() that has the method', () => {
    const routeSegment = fc.constantFrom('_ml', 'x', '_close', '{a}', '{b}');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            path: fc.array(routeSegment, { maxLength: 3 }).map((segments) => `/${segments.join('/')}`),
            methods: fc.subarray(METHODS, { minLength: 1 }),
          }),
          { maxLength: 10 },
        ),
        fc.array(fc.constantFrom('', '_ml', 'x', '_close', 'y'), { maxLength: 4 }),
        fc.constantFrom(...METHODS),
        (routes, segments, method) => {
          const router = new Router<number>();
          routes.forEach(({ path, methods }, i) => {
            router.add(path, Object.fromEntries(methods.map((m) => [m, i])));
          });
          const path = `/${segments.join('/')}`;
          const all = router.match(path).find((match) => match.route.handlers[method] !== undefined);
          const found = router.find(path, method);
          expect(found?.route).toBe(all?.route);
          expect(found?.handler).toBe(all?.route.handlers[method]);
          expect(found?.rawValues).toEqual(all?.rawValues);
          expect(found?.paramNames).toEqual(all?.paramNames);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
