// Id expansion and required-match rules, crossed with allow_no_match × force × placement × job state, judged
// by the executable model (../model). Plus fast-check properties over random fleets and metamorphic relations.
import fc from 'fast-check';
import type { RequirementId } from '@mlclose/schema';
import type { CheckContext, CheckDefinition, CloseOptions, JobSpec } from '../check.js';
import { modelClose, type ModelCloseResult, type ModelJob } from '../model/close-model.js';
import { operation } from '../operations.js';
import { checkNoMetadata, jobNotFound } from './messages.js';

type Placement = 'query' | 'body';
type AllowNoMatch = 'absent' | 'true' | 'false';
type FleetState = 'closed' | 'opened' | 'mixed' | 'failed';

interface Form {
  key: string;
  /** The expression, built from the check prefix P. */
  expression: (p: string) => string;
  requirements: RequirementId[];
}

/** The expansion case matrix (jobs foo-1, foo-2 in group grp, and bar-1; CJ-EXPAND-*, CJ-MATCH-*) and the token forms (CJ-EXPAND-001). */
export const FORMS: Form[] = [
  { key: 'id', expression: (p) => `${p}foo-1`, requirements: ['CJ-ROUTE-001', 'CJ-MATCH-001'] },
  { key: 'missing', expression: (p) => `${p}missing`, requirements: ['CJ-MATCH-001'] },
  {
    key: 'missing-two',
    expression: (p) => `${p}missing1,${p}missing2`,
    requirements: ['CJ-MATCH-001', 'CJ-MATCH-004'],
  },
  {
    key: 'partial-exact',
    expression: (p) => `${p}foo-1,${p}missing`,
    requirements: ['CJ-MATCH-001', 'CJ-MATCH-005'],
  },
  { key: 'wildcard', expression: (p) => `${p}foo-*`, requirements: ['CJ-EXPAND-002'] },
  { key: 'wildcard-none', expression: (p) => `${p}baz*`, requirements: ['CJ-MATCH-002'] },
  {
    key: 'wildcard-partial',
    expression: (p) => `${p}foo-*,${p}baz*`,
    requirements: ['CJ-MATCH-002', 'CJ-EXPAND-002'],
  },
  {
    key: 'missing-and-wildcard',
    expression: (p) => `${p}missing,${p}baz*`,
    requirements: ['CJ-MATCH-001', 'CJ-MATCH-002', 'CJ-MATCH-004'],
  },
  { key: 'group', expression: (p) => `${p}grp`, requirements: ['CJ-EXPAND-003', 'CJ-MATCH-006'] },
  { key: 'group-wildcard', expression: (p) => `${p}gr*`, requirements: ['CJ-EXPAND-002', 'CJ-EXPAND-003'] },
  { key: 'no-group', expression: (p) => `${p}nogroup`, requirements: ['CJ-MATCH-001'] },
  { key: 'wrong-case', expression: (p) => `${p}Foo-1`, requirements: ['CJ-EXPAND-005'] },
  { key: 'all-with-others', expression: (p) => `_all,${p}foo-1`, requirements: ['CJ-EXPAND-006'] },
  {
    key: 'spaces-empty-tokens',
    expression: (p) => ` ${p}foo-1 , ,${p}bar-1,`,
    requirements: ['CJ-EXPAND-001'],
  },
  { key: 'multi-star', expression: (p) => `${p}*o-*`, requirements: ['CJ-EXPAND-002'] },
  { key: 'leading-star', expression: (p) => `*${p.slice(3)}bar-1`, requirements: ['CJ-EXPAND-002'] },
  { key: 'question-mark', expression: (p) => `${p}foo?1`, requirements: ['CJ-EXPAND-007'] },
  {
    key: 'overlap',
    expression: (p) => `${p}foo-1,${p}grp`,
    requirements: ['CJ-EXPAND-003', 'CJ-EXPAND-001'],
  },
];

function fleetSpecs(state: FleetState): JobSpec[] {
  const pick = (mixed: 'closed' | 'opened' | 'failed', fallback: 'closed' | 'opened') =>
    state === 'closed' ? 'closed' : state === 'opened' ? 'opened' : state === 'mixed' ? fallback : mixed;
  return [
    { name: 'foo-1', groups: ['grp'], state: pick('failed', 'opened') },
    { name: 'foo-2', groups: ['grp'], state: pick('closed', 'closed') },
    { name: 'bar-1', state: pick('opened', 'opened') },
  ];
}

/** Request options for a placement. */
export function closeOptions(
  placement: Placement,
  allowNoMatch: boolean | undefined,
  force: boolean,
): CloseOptions {
  if (placement === 'query') {
    const query: Record<string, string> = {};
    if (allowNoMatch !== undefined) query.allow_no_match = String(allowNoMatch);
    if (force) query.force = 'true';
    return Object.keys(query).length > 0 ? { query } : {};
  }
  return {
    body: {
      ...(allowNoMatch !== undefined ? { allow_no_match: allowNoMatch } : {}),
      ...(force ? { force: true } : {}),
    },
  };
}

/** Requirements a modelled outcome gives evidence for. */
function outcomeRequirements(
  result: ModelCloseResult,
  force: boolean,
  jobs: readonly ModelJob[],
): { answer: RequirementId[]; reason: RequirementId[]; after: RequirementId[] } {
  switch (result.rule) {
    case 'not-found-exact':
      // The 404 text lists the unmatched required tokens in request order (CJ-MATCH-004).
      return { answer: ['CJ-MATCH-001'], reason: ['CJ-MATCH-004', 'CJ-MATCH-001'], after: ['CJ-MATCH-005'] };
    case 'not-found-wildcard':
      return { answer: ['CJ-MATCH-002'], reason: ['CJ-MATCH-004', 'CJ-MATCH-002'], after: ['CJ-MATCH-005'] };
    case 'not-found-all':
      return { answer: ['CJ-MATCH-003'], reason: ['CJ-MATCH-003'], after: ['CJ-MATCH-005'] };
    case 'failed-single':
      return { answer: ['CJ-STATE-004'], reason: ['CJ-STATE-004'], after: ['CJ-STATE-006'] };
    case 'failed-multi':
      return { answer: ['CJ-STATE-005'], reason: ['CJ-STATE-005'], after: ['CJ-STATE-006'] };
    case 'noop':
      return { answer: ['CJ-STATE-003', 'CJ-MATCH-007'], reason: [], after: ['CJ-STATE-003'] };
    case 'closed': {
      const expanded = jobs.filter((job) => result.expanded.includes(job.id));
      const anyFailed = expanded.some((job) => job.state === 'failed');
      const after: RequirementId[] = force ? ['CJ-FORCE-001'] : ['CJ-STATE-002'];
      if (anyFailed) after.push('CJ-FORCE-002');
      if (expanded.some((job) => job.state === 'closed')) after.push('CJ-MATCH-007');
      return { answer: ['CJ-RESP-001'], reason: [], after };
    }
  }
}

/**
 * Sends a close and compares the answer and the resulting states with the model. Each assertion is charged to what
 * it checks: the status to the expression's form and the deciding rule; the error text to the rule that writes it;
 * a resulting state to the state rule when the model expanded the job and the target changed it wrongly, to the
 * form and the state rule when an expanded job was left as it was, and to the form alone when the model did not
 * expand it (the expansion reached a job it should not have).
 */
export async function compareWithModel(
  ctx: CheckContext,
  jobs: readonly ModelJob[],
  expression: string,
  placement: Placement,
  allowNoMatch: boolean | undefined,
  force: boolean,
  formRequirements: readonly RequirementId[],
): Promise<{ model: ModelCloseResult; status: number; reason: unknown }> {
  const model = modelClose(jobs, {
    expression,
    ...(allowNoMatch !== undefined ? { allowNoMatch } : {}),
    force,
  });
  const attribution = outcomeRequirements(model, force, jobs);
  const answer = [...new Set([...formRequirements, ...attribution.answer])];
  const response = await ctx.close(expression, {
    ...closeOptions(placement, allowNoMatch, force),
    attribute: answer,
  });
  const reason = (response.json as { error?: { reason?: unknown } } | undefined)?.error?.reason;
  if (model.status === 200) {
    ctx.expectClosed(response, answer);
  } else if (ctx.expectError(response, { status: model.status, type: model.type!, causedBy: null }, answer)) {
    // A 404 names the unmatched required tokens: exact ones (CJ-MATCH-001), wildcards (CJ-MATCH-002), in
    // request order (CJ-MATCH-004).
    const listed = model.status === 404 && model.rule !== 'not-found-all' ? (model.reason ?? '') : '';
    const tokens = listed.replace(/^No known job with id '|'$/g, '').split(',');
    const reasonRequirements: RequirementId[] =
      listed.length === 0
        ? attribution.reason
        : [
            'CJ-MATCH-004',
            ...(tokens.some((token) => !token.includes('*')) ? (['CJ-MATCH-001'] as const) : []),
            ...(tokens.some((token) => token.includes('*')) ? (['CJ-MATCH-002'] as const) : []),
          ];
    ctx.verify(reasonRequirements, reason === model.reason, 'error.reason', model.reason, reason);
    checkNoMetadata(ctx, response.json);
  }
  const actual = await ctx.jobStates(`${ctx.prefix}*`);
  const expanded = new Set(model.expanded);
  const before = new Map(jobs.map((job) => [job.id, job.state] as const));
  for (const [id, state] of model.after) {
    // An expanded job left as it was may not have been reached (the form) or not closed (the state rule).
    const untouched = actual.get(id) === before.get(id);
    const requirements =
      model.status !== 200
        ? attribution.after
        : !expanded.has(id)
          ? formRequirements
          : untouched
            ? [...new Set([...formRequirements, ...attribution.after])]
            : attribution.after;
    ctx.verify(
      requirements,
      actual.get(id) === state,
      `after closing '${expression}': job ${id} should be ${state}`,
      state,
      actual.get(id) ?? 'missing',
    );
  }
  return { model, status: response.status, reason };
}

function matrixChecks(): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  // 'mixed' holds opened and closed jobs, so an all-opened fleet adds little; 'true' equals the default, so it is
  // crossed with the query placement only. This keeps the matrix near 540 checks.
  const states: FleetState[] = ['closed', 'mixed', 'failed'];
  const dummyPrefix = 'p-';
  for (const form of FORMS) {
    for (const placement of ['query', 'body'] as const) {
      for (const anm of (placement === 'query'
        ? ['absent', 'true', 'false']
        : ['absent', 'false']) satisfies readonly AllowNoMatch[]) {
        for (const force of [false, true]) {
          for (const state of states) {
            const allowNoMatch = anm === 'absent' ? undefined : anm === 'true';
            // Requirements are computed from the model on a stand-in fleet: the outcome does not depend on the prefix.
            const standIn = fleetSpecs(state).map((spec) => ({
              id: `${dummyPrefix}${spec.name}`,
              groups: (spec.groups ?? []).map((g) => `${dummyPrefix}${g}`),
              state: spec.state ?? 'closed',
            }));
            const model = modelClose(standIn, {
              expression: form.expression(dummyPrefix),
              ...(allowNoMatch !== undefined ? { allowNoMatch } : {}),
              force,
            });
            const outcome = outcomeRequirements(model, force, standIn);
            const placementRequirements: RequirementId[] =
              placement === 'query' ? ['CJ-MODE-001'] : ['CJ-BODY-001'];
            if (anm !== 'absent')
              placementRequirements.push(placement === 'query' ? 'CJ-BOOL-001' : 'CJ-BODY-008');
            checks.push({
              id: `expand/${form.key}/${placement}/anm-${anm}/force-${force}/${state}`,
              title: `close '${form.expression('P')}' (${placement}, allow_no_match ${anm}, force ${force}) on a ${state} fleet → ${model.status}`,
              requirements: [
                ...new Set([
                  ...form.requirements,
                  ...outcome.answer,
                  ...outcome.after,
                  ...placementRequirements,
                  'CJ-ENV-005' as RequirementId,
                ]),
              ],
              ...(state === 'failed' ? { needs: ['fail_job'] as const } : {}),
              async run(ctx) {
                const fleet = await ctx.fleet(fleetSpecs(state));
                await compareWithModel(
                  ctx,
                  fleet.jobs,
                  form.expression(ctx.prefix),
                  placement,
                  allowNoMatch,
                  force,
                  [...form.requirements, ...placementRequirements],
                );
              },
            });
          }
        }
      }
    }
  }
  return checks;
}

interface RandomJob {
  groups: number[];
  state: 'closed' | 'opened' | 'failed';
}

function randomFleet(withFailed: boolean): fc.Arbitrary<RandomJob[]> {
  const states: Array<RandomJob['state']> = withFailed
    ? ['closed', 'opened', 'failed']
    : ['closed', 'opened'];
  return fc.array(
    fc.record({
      groups: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
      state: fc.constantFrom(...states),
    }),
    {
      minLength: 0,
      maxLength: 5,
    },
  );
}

/** Token templates; `{p}` is the iteration prefix, so every wildcard stays inside the run. */
const TOKENS = [
  '{p}j1',
  '{p}j2',
  '{p}j3',
  '{p}j5',
  '{p}g1',
  '{p}g2',
  '{p}g3',
  '{p}missing',
  '{p}j*',
  '{p}g*',
  '{p}*1',
  '{p}*',
  '{p}zz*',
  '{p}j*2',
  '*{q}j2',
  '{p}J1',
];

function randomExpression(): fc.Arbitrary<{ tokens: number[]; spaced: boolean }> {
  return fc.record({
    tokens: fc.uniqueArray(fc.integer({ min: 0, max: TOKENS.length - 1 }), { minLength: 1, maxLength: 4 }),
    spaced: fc.boolean(),
  });
}

function renderExpression(input: { tokens: number[]; spaced: boolean }, prefix: string): string {
  const tokens = input.tokens.map((index) =>
    TOKENS[index]!.replace('{p}', prefix).replace('{q}', prefix.slice(3)),
  );
  return tokens.join(input.spaced ? ' , ' : ',');
}

async function buildRandomFleet(ctx: CheckContext, iteration: string, jobs: RandomJob[]) {
  const specs: JobSpec[] = jobs.map((job, index) => ({
    name: `${iteration}j${index + 1}`,
    groups: job.groups.map((g) => `${iteration}g${g}`),
    state: job.state,
  }));
  return ctx.fleet(specs);
}

/** What each token template exercises, for attributing a failure of a random expression (CJ-EXPAND-001..CJ-MATCH-007). */
const TOKEN_REQUIREMENTS: readonly (readonly RequirementId[])[] = [
  ['CJ-MATCH-001'],
  ['CJ-MATCH-001'],
  ['CJ-MATCH-001'],
  ['CJ-MATCH-001'],
  ['CJ-EXPAND-003', 'CJ-MATCH-006'],
  ['CJ-EXPAND-003', 'CJ-MATCH-006'],
  ['CJ-EXPAND-003', 'CJ-MATCH-006'],
  ['CJ-MATCH-001'],
  ['CJ-EXPAND-002'],
  ['CJ-EXPAND-002', 'CJ-EXPAND-003'],
  ['CJ-EXPAND-002'],
  ['CJ-EXPAND-002'],
  ['CJ-EXPAND-002', 'CJ-MATCH-002'],
  ['CJ-EXPAND-002'],
  ['CJ-EXPAND-002'],
  ['CJ-EXPAND-005', 'CJ-MATCH-001'],
];

function expressionRequirements(input: { tokens: number[]; spaced: boolean }): RequirementId[] {
  const requirements = new Set<RequirementId>(input.tokens.flatMap((index) => TOKEN_REQUIREMENTS[index]!));
  if (input.spaced || input.tokens.length > 1) requirements.add('CJ-EXPAND-001');
  return [...requirements];
}

const MODEL_REQUIREMENTS: RequirementId[] = [
  'CJ-EXPAND-001',
  'CJ-EXPAND-002',
  'CJ-EXPAND-003',
  'CJ-EXPAND-005',
  'CJ-MATCH-001',
  'CJ-MATCH-002',
  'CJ-MATCH-004',
  'CJ-MATCH-005',
  'CJ-MATCH-006',
  'CJ-MATCH-007',
  'CJ-STATE-002',
  'CJ-STATE-003',
  'CJ-FORCE-001',
];

async function runProperty<T>(
  ctx: CheckContext,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  body: (input: T, iteration: string) => Promise<void>,
): Promise<void> {
  let iteration = 0;
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        const before = ctx.failureCount();
        await body(input, `i${(iteration++).toString(36)}-`);
        return ctx.failureCount() === before;
      }),
      { seed: ctx.seed, numRuns, endOnFailure: true },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const counterexample = /Counterexample: (.*)/.exec(message)?.[1];
    if (counterexample) ctx.note(`fast-check counterexample (seed ${ctx.seed}): ${counterexample}`);
    if (ctx.failureCount() === 0) throw error;
  }
}

function propertyChecks(): CheckDefinition[] {
  return [
    {
      id: 'model/random-fleets',
      title: 'Random fleets and random close expressions: answers and resulting states match the model',
      requirements: [...MODEL_REQUIREMENTS, 'CJ-STATE-004', 'CJ-STATE-005', 'CJ-FORCE-002'],
      async run(ctx) {
        const withFailed = ctx.target.capabilities.has('fail_job');
        const arbitrary = fc.record({
          jobs: randomFleet(withFailed),
          expression: randomExpression(),
          allowNoMatch: fc.constantFrom(undefined, true, false),
          force: fc.boolean(),
          placement: fc.constantFrom<Placement>('query', 'body'),
        });
        await runProperty(ctx, arbitrary, 20, async (input, iteration) => {
          const fleet = await buildRandomFleet(ctx, iteration, input.jobs);
          const expression = renderExpression(input.expression, ctx.name(iteration));
          ctx.note(
            `${iteration} ${input.jobs.map((j) => `${j.state}[${j.groups.join('')}]`).join(' ')} :: '${expression}' ${input.placement} anm=${String(input.allowNoMatch)} force=${input.force}`,
          );
          await compareWithModel(
            ctx,
            fleet.jobs,
            expression,
            input.placement,
            input.allowNoMatch,
            input.force,
            [
              ...expressionRequirements(input.expression),
              input.placement === 'query' ? 'CJ-MODE-001' : 'CJ-BODY-001',
              ...(input.allowNoMatch === undefined
                ? []
                : [input.placement === 'query' ? 'CJ-BOOL-001' : 'CJ-BODY-008']),
            ] as RequirementId[],
          );
        });
      },
    },
    {
      id: 'metamorphic/group-equals-members',
      title: 'Closing a group is the same as closing its members (answer and resulting states)',
      requirements: ['CJ-EXPAND-003', 'CJ-MATCH-006'],
      async run(ctx) {
        const withFailed = ctx.target.capabilities.has('fail_job');
        const arbitrary = fc.record({
          jobs: randomFleet(withFailed).filter((jobs) => jobs.some((j) => j.groups.includes(1))),
          force: fc.boolean(),
        });
        await runProperty(ctx, arbitrary, 8, async (input, iteration) => {
          const a = await buildRandomFleet(ctx, `${iteration}a-`, input.jobs);
          const b = await buildRandomFleet(ctx, `${iteration}b-`, input.jobs);
          const group = ctx.name(`${iteration}a-g1`);
          const members = b.jobs
            .filter((_, index) => input.jobs[index]!.groups.includes(1))
            .map((job) => job.id);
          const byGroup = await ctx.close(group, { query: { force: input.force } });
          const byMembers = await ctx.close(members.join(','), { query: { force: input.force } });
          ctx.equal(
            ['CJ-EXPAND-003'],
            byGroup.status,
            byMembers.status,
            `close '${group}' and close its members answer the same status`,
          );
          const reason = (r: typeof byGroup) =>
            (r.json as { error?: { reason?: string } }).error?.reason
              ?.replaceAll(`${iteration}a-`, '')
              .replaceAll(`${iteration}b-`, '');
          ctx.equal(['CJ-EXPAND-003'], reason(byGroup), reason(byMembers), 'and the same reason');
          const states = await ctx.jobStates(`${ctx.prefix}${iteration}*`);
          const strip = (jobs: readonly ModelJob[], tag: string) =>
            jobs.map((job) => [job.id.replace(`${iteration}${tag}-`, ''), states.get(job.id)] as const);
          ctx.equal(
            ['CJ-EXPAND-003', 'CJ-MATCH-006'],
            strip(a.jobs, 'a'),
            strip(b.jobs, 'b'),
            'resulting states are the same',
          );
        });
      },
    },
    {
      id: 'metamorphic/close-twice',
      title: 'Closing twice is the same as closing once',
      requirements: ['CJ-STATE-003', 'CJ-MATCH-007'],
      async run(ctx) {
        const arbitrary = fc.record({
          jobs: randomFleet(false),
          expression: randomExpression(),
          force: fc.boolean(),
        });
        await runProperty(ctx, arbitrary, 8, async (input, iteration) => {
          await buildRandomFleet(ctx, iteration, input.jobs);
          const expression = renderExpression(input.expression, ctx.name(iteration));
          const first = await ctx.close(expression, { query: { force: input.force } });
          const statesOnce = await ctx.jobStates(`${ctx.name(iteration)}*`);
          const second = await ctx.close(expression, { query: { force: input.force } });
          const statesTwice = await ctx.jobStates(`${ctx.name(iteration)}*`);
          ctx.equal(
            ['CJ-STATE-003'],
            second.status,
            first.status,
            `closing '${expression}' a second time answers like the first time`,
          );
          ctx.equal(['CJ-STATE-003'], second.json, first.json, 'with the same body');
          ctx.equal(
            ['CJ-STATE-003', 'CJ-MATCH-007'],
            [...statesTwice].sort(),
            [...statesOnce].sort(),
            'and changes nothing',
          );
        });
      },
    },
  ];
}

/** Job ids may contain `.` (MlStrings.isValidId); in a wildcard token it is literal, never "any character" (CJ-EXPAND-002). */
function literalDotChecks(): CheckDefinition[] {
  return (['query', 'body'] as const).map((placement) => ({
    id: `expand/literal-dot/${placement}`,
    title: `'P a.b*' and 'P a.*' (${placement}) reach a.b-1 but never axb-1: a dot in a wildcard is literal`,
    requirements: ['CJ-EXPAND-002', placement === 'query' ? 'CJ-MODE-001' : 'CJ-BODY-001'],
    async run(ctx) {
      const fleet = await ctx.fleet([
        { name: 'a.b-1', state: 'opened' },
        { name: 'axb-1', state: 'opened' },
        { name: 'a.c-1', groups: ['a.g'], state: 'opened' },
        { name: 'ayc-1', groups: ['ayg'], state: 'opened' },
      ]);
      let jobs: readonly ModelJob[] = fleet.jobs;
      for (const local of ['a.b*', 'a.*-1', '*.g', 'a.g*', 'a.g']) {
        await compareWithModel(
          ctx,
          jobs,
          ctx.name(local),
          placement,
          undefined,
          false,
          local.endsWith('.g') && !local.includes('*') ? ['CJ-EXPAND-003'] : ['CJ-EXPAND-002'],
        );
        // Go on from the states the target really has, so that one wrong close is reported once.
        const actual = await ctx.jobStates(`${ctx.prefix}*`);
        jobs = jobs.map((job) => ({ ...job, state: actual.get(job.id) ?? job.state }));
      }
    },
  }));
}

/**
 * CJ-EXPAND-002: inside a `*` token the search reads `?` (one character) and `\\` (an escape) as a wildcard query
 * does, while the required-match check treats both literally (Regex.simpleMatch). So 'P foo?1*' and 'P foo\\-1*'
 * reach foo-1 when wildcards are optional, and are an unmatched required token when allow_no_match=false. Job ids
 * never contain `?` or `\\`.
 */
function searchOnlyWildcardCheck(spec: {
  id: string;
  title: string;
  token: string;
  /** Jobs the token must not reach, besides foo-1. */
  others: readonly string[];
}): CheckDefinition {
  return {
    id: spec.id,
    title: spec.title,
    requirements: ['CJ-EXPAND-002', 'CJ-MATCH-002', 'CJ-MATCH-005'],
    async run(ctx) {
      const fleet = await ctx.fleet(
        ['foo-1', ...spec.others].map((name) => ({ name, state: 'opened' as const })),
      );
      const expression = ctx.name(spec.token);
      ctx.expectError(
        await ctx.close(expression, { query: { allow_no_match: false } }),
        jobNotFound(expression),
        ['CJ-MATCH-002'],
      );
      await ctx.expectStates(
        new Map(Object.values(fleet.ids).map((id) => [id, 'opened'] as const)),
        ['CJ-MATCH-005'],
        'after the 404',
      );
      ctx.expectClosed(await ctx.close(expression), ['CJ-EXPAND-002']);
      await ctx.expectStates(
        new Map([
          [fleet.ids['foo-1']!, 'closed'],
          ...spec.others.map((name) => [fleet.ids[name]!, 'opened'] as const),
        ]),
        ['CJ-EXPAND-002'],
        `after closing 'P ${spec.token}'`,
      );
    },
  };
}

function questionMarkInWildcardCheck(): CheckDefinition {
  return searchOnlyWildcardCheck({
    id: 'expand/question-mark-in-wildcard',
    title: "'P foo?1*' closes foo-1 (? is one character in the search) but is 404 with allow_no_match=false",
    token: 'foo?1*',
    others: ['foo-2', 'fo-1x'],
  });
}

function backslashInWildcardCheck(): CheckDefinition {
  return searchOnlyWildcardCheck({
    id: 'expand/backslash-in-wildcard',
    title: "'P foo\\-1*' closes foo-1 (\\ escapes in the search) but is 404 with allow_no_match=false",
    token: 'foo\\-1*',
    others: ['foo-2', 'foo1'],
  });
}

/**
 * Wildcard shapes the matrix does not cover, judged by the model (CJ-EXPAND-*, CJ-MATCH-*), from the states the target really has:
 * a middle `*` that matches nothing with allow_no_match=false (404), a token with a leading and an inner `*`, an
 * exact group next to a wildcard, and an exact id next to a wildcard that does not reach it.
 */
function wildcardShapesCheck(): CheckDefinition {
  return {
    id: 'expand/wildcard-shapes',
    title:
      "'P ba*z' (anm false), '*P foo*1', 'P grp,P zz*' and 'P bar-1,P foo-*' close what the model says, in turn",
    requirements: ['CJ-EXPAND-002', 'CJ-EXPAND-003', 'CJ-MATCH-002', 'CJ-MATCH-006'],
    async run(ctx) {
      const fleet = await ctx.fleet([
        { name: 'foo-1', groups: ['grp'], state: 'opened' },
        { name: 'foo-2', groups: ['grp'], state: 'opened' },
        { name: 'bar-1', state: 'opened' },
      ]);
      // The leading `*` stays inside this check: the rest of the token carries the run id and the check's number.
      const steps: Array<[string, boolean | undefined, RequirementId[]]> = [
        [ctx.name('ba*z'), false, ['CJ-MATCH-002', 'CJ-EXPAND-002']],
        [`*${ctx.prefix.slice(3)}foo*1`, undefined, ['CJ-EXPAND-002']],
        [`${ctx.name('grp')},${ctx.name('zz*')}`, undefined, ['CJ-EXPAND-003', 'CJ-MATCH-006']],
        [`${ctx.name('bar-1')},${ctx.name('foo-*')}`, undefined, ['CJ-EXPAND-002', 'CJ-MATCH-006']],
      ];
      let jobs: readonly ModelJob[] = fleet.jobs;
      for (const [expression, allowNoMatch, requirements] of steps) {
        await compareWithModel(ctx, jobs, expression, 'query', allowNoMatch, false, requirements);
        const actual = await ctx.jobStates(`${ctx.prefix}*`);
        jobs = jobs.map((job) => ({ ...job, state: actual.get(job.id) ?? job.state }));
      }
    },
  };
}

/** Deletes a (closed) job, or stops the check (CJ-SUP-004). */
async function deleteJob(ctx: CheckContext, id: string): Promise<void> {
  const response = await ctx.send(
    operation('ml-delete-job', { job_id: id }),
    { operationId: 'ml-delete-job' },
    ['CJ-SUP-004'],
  );
  ctx.must(['CJ-SUP-004'], response.status === 200, `job ${id} is deleted`, 200, response.status);
}

/**
 * CJ-EXPAND-003: groups are fields of the job configs, so a deleted job no longer makes its group exist. A group keeps
 * matching while one member is left, and is then an unknown exact token (404, CJ-MATCH-001).
 */
function groupAfterDeleteCheck(): CheckDefinition {
  return {
    id: 'expand/group-after-delete',
    title: 'A group matches while one of its jobs is left; once they are all deleted it is a 404',
    requirements: ['CJ-EXPAND-003', 'CJ-MATCH-001', 'CJ-SUP-004'],
    async run(ctx) {
      const fleet = await ctx.fleet([
        { name: 'a', groups: ['g'] },
        { name: 'b', groups: ['g'], state: 'opened' },
        { name: 'c', groups: ['h'] },
      ]);
      const group = ctx.name('g');
      await deleteJob(ctx, fleet.ids.a!);
      ctx.expectClosed(await ctx.close(group), ['CJ-EXPAND-003']);
      await ctx.expectStates(
        new Map([[fleet.ids.b!, 'closed']]),
        ['CJ-EXPAND-003'],
        'after closing the group',
      );
      await deleteJob(ctx, fleet.ids.b!);
      ctx.expectError(await ctx.close(group), jobNotFound(group), ['CJ-MATCH-001']);
      ctx.expectClosed(await ctx.close(ctx.name('h')), ['CJ-EXPAND-003']);
    },
  };
}

/** The ids of the jobs get-jobs answers for `expression`, in the order it answers them (CJ-SUP-003). */
async function getJobIds(ctx: CheckContext, expression: string): Promise<unknown> {
  const response = await ctx.send(
    operation('ml-get-jobs', { job_id: expression }, { allow_no_match: true }),
    { operationId: 'ml-get-jobs' },
    ['CJ-SUP-003'],
  );
  const jobs = (response.json as { jobs?: { job_id?: unknown }[] } | undefined)?.jobs;
  return [response.status, jobs?.map((job) => job.job_id)];
}

/**
 * CJ-EXPAND-003, CJ-SUP-003: the expansion is the sorted set of job ids (JobConfigProvider sorts its search by
 * job_id), however the jobs were created: get jobs answers in that order for a wildcard, for exact ids given in
 * reverse, for a group, and for a wildcard mixed with a group or an id that sorts first; a close by group or wildcard
 * reaches the same jobs. The jobs are created one by one against their order, with an expansion in between.
 */
function sortedExpansionCheck(): CheckDefinition {
  return {
    id: 'expand/sorted-ids',
    title:
      "Jobs created as c, b, a: get jobs 'P *', 'P c,P g', 'P g', 'P c*,P g' and 'P a*,P b' answer a, b, c order; closes agree",
    requirements: ['CJ-EXPAND-003', 'CJ-EXPAND-002', 'CJ-SUP-003'],
    async run(ctx) {
      const ids: Record<string, string> = {};
      for (const [name, groups] of [
        ['c', []],
        ['b', ['g']],
        ['a', ['g']],
      ] as const) {
        Object.assign(ids, (await ctx.fleet([{ name, groups, state: 'opened' }])).ids);
        // An expansion between the creates, so that a target keeping its ids sorted must place each new one.
        await ctx.jobStates(`${ctx.prefix}*`);
      }
      const expect = async (expression: string, want: string[]): Promise<void> => {
        ctx.equal(
          ['CJ-EXPAND-003', 'CJ-SUP-003'],
          await getJobIds(ctx, expression),
          [200, want],
          `get jobs '${expression}' answers the sorted job ids`,
        );
      };
      await expect(ctx.name('*'), [ids.a!, ids.b!, ids.c!]);
      await expect(`${ctx.name('c')},${ctx.name('g')}`, [ids.a!, ids.b!, ids.c!]);
      await expect(ctx.name('g'), [ids.a!, ids.b!]);
      // A wildcard with a group or an exact id that sorts before what the wildcard finds: one sorted set all the same.
      await expect(`${ctx.name('c')}*,${ctx.name('g')}`, [ids.a!, ids.b!, ids.c!]);
      await expect(`${ctx.name('a')}*,${ctx.name('b')}`, [ids.a!, ids.b!]);
      ctx.expectClosed(await ctx.close(ctx.name('g')), ['CJ-EXPAND-003']);
      await ctx.expectStates(
        new Map([
          [ids.a!, 'closed'],
          [ids.b!, 'closed'],
          [ids.c!, 'opened'],
        ]),
        ['CJ-EXPAND-003'],
        "after closing 'P g'",
      );
    },
  };
}

/**
 * CJ-EXPAND-003, CJ-MATCH-001: expansion reads the job configs as they are now. A job moved to another group by
 * update job leaves the old one (which, with no member left, is an unknown exact token) and is reached by the new
 * one; a deleted job re-created with other groups is reached only by those.
 */
function groupChangesCheck(): CheckDefinition {
  return {
    id: 'expand/group-changes',
    title:
      'Update job moves a job between groups, delete and re-create changes them: closes follow the change',
    requirements: ['CJ-EXPAND-003', 'CJ-MATCH-001', 'CJ-SUP-004', 'CJ-SUP-015'],
    async run(ctx) {
      const fleet = await ctx.fleet([
        { name: 'x', groups: ['old'], state: 'opened' },
        { name: 'y', groups: ['keep'] },
      ]);
      const x = fleet.ids.x!;
      const y = fleet.ids.y!;
      const body = (value: unknown) => ({
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(value),
      });
      const updated = await ctx.send(
        { ...operation('ml-update-job', { job_id: x }), ...body({ groups: [ctx.name('new')] }) },
        { operationId: 'ml-update-job' },
        ['CJ-SUP-015'],
      );
      ctx.must(['CJ-SUP-015'], updated.status === 200, `job ${x} moves to group new`, 200, updated.status);
      ctx.expectError(await ctx.close(ctx.name('old')), jobNotFound(ctx.name('old')), ['CJ-MATCH-001']);
      ctx.expectClosed(await ctx.close(ctx.name('new')), ['CJ-EXPAND-003']);
      await ctx.expectStates(new Map([[x, 'closed']]), ['CJ-EXPAND-003'], "after closing 'P new'");

      await deleteJob(ctx, y);
      ctx.equal(
        ['CJ-EXPAND-002'],
        await getJobIds(ctx, ctx.name('*')),
        [200, [x]],
        "get jobs 'P *' after the delete",
      );
      await ctx.fleet([{ name: 'y', groups: ['other'], state: 'opened' }]);
      ctx.expectError(await ctx.close(ctx.name('keep')), jobNotFound(ctx.name('keep')), ['CJ-MATCH-001']);
      ctx.expectClosed(await ctx.close(ctx.name('oth*')), ['CJ-EXPAND-002', 'CJ-EXPAND-003']);
      await ctx.expectStates(
        new Map([
          [x, 'closed'],
          [y, 'closed'],
        ]),
        ['CJ-EXPAND-003'],
        "after closing 'P oth*'",
      );
    },
  };
}

/**
 * CJ-EXPAND-002: a trailing `\` in a `*` token has nothing to escape; the search reads it as a literal backslash
 * (Lucene parses it leniently), which no job id holds. So 'P foo-1*\' reaches no job: a no-op with wildcards
 * optional, an unmatched required token with allow_no_match=false.
 */
function trailingBackslashCheck(): CheckDefinition {
  return {
    id: 'expand/trailing-backslash',
    title: "'P foo-1*\\' closes nothing (200), and is a 404 with allow_no_match=false",
    requirements: ['CJ-EXPAND-002', 'CJ-MATCH-002'],
    async run(ctx) {
      const fleet = await ctx.fleet([{ name: 'foo-1', state: 'opened' }]);
      const expression = ctx.name('foo-1*\\');
      ctx.expectClosed(await ctx.close(expression), ['CJ-EXPAND-002']);
      ctx.expectError(
        await ctx.close(expression, { query: { allow_no_match: false } }),
        jobNotFound(expression),
        ['CJ-MATCH-002'],
      );
      await ctx.expectStates(new Map([[fleet.ids['foo-1']!, 'opened']]), ['CJ-EXPAND-002'], 'after both');
    },
  };
}

export function expansionChecks(): CheckDefinition[] {
  return [
    ...matrixChecks(),
    ...propertyChecks(),
    ...literalDotChecks(),
    questionMarkInWildcardCheck(),
    backslashInWildcardCheck(),
    wildcardShapesCheck(),
    groupAfterDeleteCheck(),
    sortedExpansionCheck(),
    groupChangesCheck(),
    trailingBackslashCheck(),
  ];
}
