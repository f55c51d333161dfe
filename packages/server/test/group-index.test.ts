// The job/group index behind create-job's name checks and id expansion: groups appear and disappear with their
// jobs, a job id may not collide with a group name (either way round), and expansion by group, id and wildcard
// stays correct across creates, deletes and resets. Also the IdIndex itself against the plain expansion.
import { describe, expect, it } from 'vitest';
import { useTestServer } from './use-test-server.js';
import fc from 'fast-check';
import { expandIndexed, IdIndex } from '../src/rules/expand-ids.js';
import { expandIds } from './expand-ids-helper.js';

const server = useTestServer();

const JOB = {
  analysis_config: { bucket_span: '15m', detectors: [{ function: 'count' }] },
  data_description: { time_field: 'timestamp' },
};

async function create(id: string, groups: string[] = []) {
  return server.request('PUT', `/_ml/anomaly_detectors/${id}`, {
    op: 'ml-put-job',
    body: { ...JOB, ...(groups.length > 0 ? { groups } : {}) },
  });
}

async function idsOf(expression: string): Promise<string[]> {
  const response = await server.request('GET', `/_ml/anomaly_detectors/${expression}`, { op: 'ml-get-jobs' });
  expect(response.status).toBe(200);
  return (response.json.jobs as { job_id: string }[]).map((job) => job.job_id);
}

const CLASH = (name: string) =>
  `job and group names must be unique but job [${name}] and group [${name}] have the same name`;

describe('group index', () => {
  it('rejects a job id that is an existing group, while any job still has that group', async () => {
    expect((await create('a1', ['grp'])).status).toBe(200);
    expect((await create('a2', ['grp', 'other'])).status).toBe(200);
    const clash = await create('grp');
    expect(clash.status).toBe(400);
    expect(clash.json.error.type).toBe('resource_already_exists_exception');
    expect(clash.json.error.reason).toBe(CLASH('grp'));
    // One member gone: still a group.
    expect((await server.request('DELETE', '/_ml/anomaly_detectors/a1')).status).toBe(200);
    expect((await create('grp')).json.error?.reason).toBe(CLASH('grp'));
    expect(await idsOf('grp')).toEqual(['a2']);
    // Last member gone: the name is free for a job.
    expect((await server.request('DELETE', '/_ml/anomaly_detectors/a2')).status).toBe(200);
    expect((await server.request('GET', '/_ml/anomaly_detectors/grp')).status).toBe(404);
    expect((await create('grp')).status).toBe(200);
    // And now a group named like that job is rejected.
    const reverse = await create('b1', ['grp']);
    expect(reverse.status).toBe(400);
    expect(reverse.json.error.reason).toBe(CLASH('grp'));
  });

  it('rejects a group named like the job itself while parsing, before the duplicate id check', async () => {
    // Job.Builder.validateGroups runs in the request's validation, before JobManager looks for the id.
    expect((await create('self', ['self'])).json.error.reason).toBe(CLASH('self'));
    expect((await create('x1', ['g'])).status).toBe(200);
    const dup = await create('x1', ['x1']);
    expect(dup.json.error.reason).toBe(CLASH('x1'));
  });

  it('expands groups, ids and wildcards in id order across creates and deletes', async () => {
    for (const [id, groups] of [
      ['j-3', ['odd', 'all-g']],
      ['j-1', ['odd', 'all-g']],
      ['j-2', ['even', 'all-g']],
      ['k-1', []],
    ] as const) {
      expect((await create(id, [...groups])).status).toBe(200);
    }
    expect(await idsOf('odd')).toEqual(['j-1', 'j-3']);
    expect(await idsOf('all-g')).toEqual(['j-1', 'j-2', 'j-3']);
    expect(await idsOf('ev*,k-1')).toEqual(['j-2', 'k-1']);
    expect(await idsOf('_all')).toEqual(['j-1', 'j-2', 'j-3', 'k-1']);
    expect((await server.request('DELETE', '/_ml/anomaly_detectors/j-1')).status).toBe(200);
    expect(await idsOf('odd,even')).toEqual(['j-2', 'j-3']);
    expect(await idsOf('*')).toEqual(['j-2', 'j-3', 'k-1']);
    expect((await create('j-0', ['odd'])).status).toBe(200);
    expect(await idsOf('odd')).toEqual(['j-0', 'j-3']);
    expect(await idsOf('_all')).toEqual(['j-0', 'j-2', 'j-3', 'k-1']);
    await server.reset();
    expect(await idsOf('_all')).toEqual([]);
    expect((await create('odd')).status).toBe(200);
  });
});

/** The expansion as first written (a scan of every item per request), the reference for the indexed one. */
function referenceExpand(
  expression: string,
  items: { id: string; groups: readonly string[] }[],
  allowNoMatch: boolean,
) {
  const esc = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/gu, '\\$&');
  const tokens = expression
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
  const all = tokens.length === 0 || (tokens.length === 1 && (tokens[0] === '_all' || tokens[0] === '*'));
  const exact = new Set<string>();
  const wildcards: RegExp[] = [];
  const required: string[] = [];
  if (all) {
    if (!allowNoMatch) required.push('*');
  } else {
    for (const token of tokens) {
      if (token.includes('*')) {
        // `\` takes the next character literally; a trailing `\` is itself.
        const chars = [...token];
        let source = '';
        for (let i = 0; i < chars.length; i++) {
          const ch = chars[i]!;
          if (ch === '\\' && i + 1 < chars.length) source += esc(chars[++i]!);
          else source += ch === '*' ? '.*' : ch === '?' ? '.' : esc(ch);
        }
        wildcards.push(new RegExp(`^${source}$`, 'su'));
        if (!allowNoMatch) required.push(token);
      } else {
        exact.add(token);
        required.push(token);
      }
    }
  }
  const simple = (pattern: string, value: string) =>
    new RegExp(`^${pattern.split('*').map(esc).join('.*')}$`, 'su').test(value);
  const matched: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const names = [item.id, ...item.groups];
    if (!(all || names.some((name) => exact.has(name) || wildcards.some((w) => w.test(name))))) continue;
    matched.push(item.id);
    for (const name of names) seen.add(name);
  }
  const unmatched = required.filter((token) => {
    if (token.includes('*')) {
      for (const name of seen) if (simple(token, name)) return false;
      return true;
    }
    return !seen.has(token);
  });
  if (unmatched.length > 0) return { ok: false, unmatched };
  return { ok: true, ids: [...new Set(matched)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

describe('IdIndex', () => {
  it('agrees with a rebuilt index after adds and removes in any order', () => {
    const index = new IdIndex();
    const live = new Map<string, string[]>();
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const expressions = [
      '_all',
      '',
      '*',
      'g1',
      'g2,id-1*',
      'id-*',
      'nope*',
      '*-3',
      'g*',
      'id-1,g3',
      'i?-1*',
      'id-1?',
      'g1,g1,missing',
      '*d-2*,g4',
      '_all,id-2',
      'id-1*',
      'id-1*,id-2*',
      'id-3*,g1',
      'id-*1',
      'id-1*1',
      '*1*',
      'i*-*2',
      'id-1*,zz*',
      'a*',
      'zz*',
      'id-\\1*',
      'id-1\\*',
      'id-1*\\',
      'g?,id-2*',
      'id-?*',
    ];
    for (let step = 0; step < 400; step++) {
      const id = `id-${next(40)}`;
      if (live.has(id) && next(2) === 0) {
        live.delete(id);
        index.remove(id);
      } else if (!live.has(id)) {
        const groups = [`g${next(5)}`, `g${next(5)}`];
        live.set(id, groups);
        index.add(id, groups);
      }
      if (step % 20 === 0) {
        const items = [...live].map(([item, groups]) => ({ id: item, groups }));
        for (const expression of expressions) {
          for (const allow of [true, false]) {
            const want = referenceExpand(expression, items, allow);
            expect(expandIndexed(expression, index, allow)).toEqual(want);
            expect(expandIds(expression, items, allow)).toEqual(want);
          }
        }
        expect(index.sortedIds()).toEqual([...live.keys()].sort());
        for (let g = 0; g < 5; g++) {
          expect(index.isGroup(`g${g}`)).toBe([...live.values()].some((groups) => groups.includes(`g${g}`)));
        }
      }
    }
  });
});

describe('an expression that is exactly one id', () => {
  // Valid names only (what put-job lets in): a plain id expands to itself at once, an id that is also a group
  // name expands to the group as well, each as the reference does.
  const items = [
    { id: 'plain', groups: [] },
    { id: 'a', groups: [] },
    { id: 'a.b', groups: ['g-1'] },
    { id: 'x_1', groups: [] },
    { id: 'both', groups: [] },
    { id: 'member', groups: ['both'] },
  ];
  const index = new IdIndex();
  for (const { id, groups } of items) index.add(id, groups);

  it.each(
    [...items.map(({ id }) => id), 'g-1', 'missing'].flatMap((expression) => [
      { expression, allow: true },
      { expression, allow: false },
    ]),
  )('"$expression" (allow_no_match=$allow) expands as the reference does', ({ expression, allow }) => {
    expect(expandIndexed(expression, index, allow)).toEqual(referenceExpand(expression, items, allow));
  });

  it('a plain id expands to itself, an id that is also a group to the group as well', () => {
    expect(expandIndexed('plain', index, false)).toEqual({ ok: true, ids: ['plain'] });
    expect(expandIndexed('both', index, false)).toEqual({ ok: true, ids: ['both', 'member'] });
  });
});

describe('expansion over random ids, groups and expressions', () => {
  // Names as the server allows them (MlStrings.isValidId), from a small alphabet so that prefixes and groups overlap.
  const name = fc.stringMatching(/^[ab1][ab1.-]{0,5}$/);
  // Tokens: names, `_all`, and patterns with `*`, `?` and `\` anywhere, from the same alphabet.
  const token = fc.oneof(
    name,
    fc.constant('_all'),
    fc.stringMatching(/^[ab1.*?\\-]{1,6}$/).filter((text) => text.includes('*')),
  );
  it('agrees with the reference scan of every item', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: name, groups: fc.array(name, { maxLength: 2 }) }), {
          selector: (item) => item.id,
          maxLength: 12,
        }),
        fc.array(token, { maxLength: 3 }),
        fc.boolean(),
        (raw, tokens, allowNoMatch) => {
          // A group may not be named like a job (the server refuses it), as in the cluster.
          const ids = new Set(raw.map((item) => item.id));
          const items = raw.map((item) => ({ id: item.id, groups: item.groups.filter((g) => !ids.has(g)) }));
          const expression = tokens.join(',');
          expect(expandIds(expression, items, allowNoMatch)).toEqual(
            referenceExpand(expression, items, allowNoMatch),
          );
        },
      ),
      { numRuns: 3000, seed: 20261204 },
    );
  });
});
