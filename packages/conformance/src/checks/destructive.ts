// Checks that close `_all`, `*` or a blank expression. They run alone, after the parallel phase and after the
// bystander check, and only with --allow-destructive or when the target holds no job this run did not create.
import type { RequirementId } from '@mlclose/schema';
import type { CheckContext, CheckDefinition } from '../check.js';
import { operation } from '../operations.js';
import { modelClose, type ModelJob, type ModelJobState } from '../model/close-model.js';
import { closeOptions } from './expansion.js';
import { checkNoMetadata, jobNotFound } from './messages.js';

/** Every job on the target with its state (groups do not matter to an "all" expression). */
async function everyJob(ctx: CheckContext): Promise<ModelJob[]> {
  const states = await ctx.jobStates('_all');
  return [...states].map(([id, state]) => ({ id, groups: [], state }));
}

interface AllForm {
  key: string;
  /** The raw path segment. */
  segment: string;
  /** The decoded expression the model sees. */
  expression: string;
  requirements: RequirementId[];
}

const ALL_FORMS: AllForm[] = [
  { key: '_all', segment: '_all', expression: '_all', requirements: ['CJ-EXPAND-004'] },
  { key: 'star', segment: '*', expression: '*', requirements: ['CJ-EXPAND-004', 'CJ-EXPAND-002'] },
  { key: 'comma', segment: ',', expression: ',', requirements: ['CJ-EXPAND-004', 'CJ-EXPAND-001'] },
  { key: 'blank', segment: '%20', expression: ' ', requirements: ['CJ-EXPAND-009'] },
];

async function compareAll(
  ctx: CheckContext,
  form: AllForm,
  placement: 'query' | 'body',
  allowNoMatch: boolean | undefined,
  force: boolean,
  attribute: RequirementId[],
) {
  const before = await everyJob(ctx);
  const model = modelClose(before, {
    expression: form.expression,
    ...(allowNoMatch !== undefined ? { allowNoMatch } : {}),
    force,
  });
  const response = await ctx.close(form.segment, {
    ...closeOptions(placement, allowNoMatch, force),
    encode: false,
    attribute,
  });
  if (model.status === 200) ctx.expectClosed(response, attribute);
  else {
    ctx.expectError(
      response,
      { status: model.status, type: model.type!, reason: model.reason!, causedBy: null },
      attribute,
    );
    checkNoMetadata(ctx, response.json);
  }
  const after = await ctx.jobStates('_all');
  for (const [id, state] of model.after) {
    ctx.verify(
      attribute,
      after.get(id) === state,
      `after closing '${form.segment}': job ${id} should be ${state}`,
      state,
      after.get(id),
    );
  }
  return { status: response.status, after };
}

export function destructiveChecks(): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  for (const form of ALL_FORMS) {
    for (const placement of ['query', 'body'] as const) {
      for (const anm of [undefined, false] as const) {
        for (const force of [false, true]) {
          for (const withFailed of [false, true]) {
            const requirements: RequirementId[] = [
              ...form.requirements,
              'CJ-MATCH-007',
              force ? 'CJ-FORCE-001' : 'CJ-STATE-002',
            ];
            if (withFailed) requirements.push(force ? 'CJ-FORCE-002' : 'CJ-STATE-005', 'CJ-STATE-006');
            checks.push({
              id: `expand-all/${form.key}/${placement}/anm-${anm ?? 'absent'}/force-${force}${withFailed ? '/with-failed' : ''}`,
              title: `close '${form.segment}' (${placement}, allow_no_match ${anm ?? 'absent'}, force ${force}) closes every job${withFailed ? ', a failed one among them' : ''}`,
              requirements,
              needs: withFailed ? ['destructive', 'fail_job'] : ['destructive'],
              phase: 'exclusive',
              async run(ctx) {
                await ctx.fleet([
                  { name: 'a', state: 'opened' },
                  { name: 'b', state: 'closed' },
                  { name: 'c', state: withFailed ? 'failed' : 'opened' },
                ]);
                await compareAll(ctx, form, placement, anm, force, requirements);
                // Leave nothing failed behind for the next exclusive check.
                if (withFailed && !force) await ctx.close(`${ctx.prefix}*`, { query: { force: true } });
              },
            });
          }
        }
      }
    }
  }
  checks.push(
    {
      id: 'metamorphic/all-star-blank',
      title: '_all, *, "," and blank close the same jobs with the same answer',
      requirements: ['CJ-EXPAND-004', 'CJ-EXPAND-009'],
      needs: ['destructive'],
      phase: 'exclusive',
      async run(ctx) {
        const fleet = await ctx.fleet([
          { name: 'a', state: 'opened' },
          { name: 'b', state: 'closed' },
          { name: 'c', groups: ['g'], state: 'opened' },
        ]);
        const outcomes: Array<[string, number, Array<[string, ModelJobState | undefined]>]> = [];
        for (const form of ALL_FORMS) {
          await Promise.all([ctx.openJob(fleet.ids.a!), ctx.openJob(fleet.ids.c!)]);
          const response = await ctx.close(form.segment, { encode: false });
          const states = await ctx.jobStates(`${ctx.prefix}*`);
          outcomes.push([form.key, response.status, [...states].sort()]);
        }
        const [first, ...rest] = outcomes;
        for (const outcome of rest) {
          ctx.equal(
            [outcome[0] === 'blank' ? 'CJ-EXPAND-009' : 'CJ-EXPAND-004'],
            outcome.slice(1),
            first!.slice(1),
            `'${outcome[0]}' behaves like '${first![0]}'`,
          );
        }
      },
    },
    {
      id: 'expand-all/no-jobs',
      title: '_all, * or blank with no jobs at all: 200 with allow_no_match=true, 404 "*" with false',
      requirements: ['CJ-MATCH-003', 'CJ-EXPAND-004'],
      needs: ['empty_target'],
      phase: 'exclusive',
      async run(ctx) {
        // Remove this run's own jobs (nothing else exists on the target, per the need).
        const datafeeds = await ctx.datafeedStates(`${ctx.runPrefix}*`);
        for (const id of datafeeds.keys()) {
          await ctx.send(
            operation('ml-delete-datafeed', { datafeed_id: id }, 'force=true'),
            { operationId: 'ml-delete-datafeed' },
            ['CJ-SUP-008'],
          );
        }
        const jobs = await ctx.jobStates(`${ctx.runPrefix}*`);
        await Promise.all(
          [...jobs.keys()].map((id) =>
            ctx.send(
              operation('ml-delete-job', { job_id: id }, 'force=true'),
              { operationId: 'ml-delete-job' },
              ['CJ-SUP-004'],
            ),
          ),
        );
        const left = await ctx.jobStates('_all');
        if (left.size > 0) ctx.skip(`the target still holds ${left.size} job(s)`);
        for (const form of ALL_FORMS) {
          for (const placement of ['query', 'body'] as const) {
            const requirements: RequirementId[] = form.key === 'blank' ? ['CJ-EXPAND-009'] : ['CJ-MATCH-003'];
            ctx.expectClosed(
              await ctx.close(form.segment, { ...closeOptions(placement, true, false), encode: false }),
              requirements,
            );
            ctx.expectClosed(
              await ctx.close(form.segment, { ...closeOptions(placement, undefined, false), encode: false }),
              requirements,
            );
            ctx.expectError(
              await ctx.close(form.segment, { ...closeOptions(placement, false, false), encode: false }),
              jobNotFound('*'),
              requirements,
            );
          }
        }
      },
    },
  );
  return checks;
}
