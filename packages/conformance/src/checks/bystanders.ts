// Bystanders: jobs of this run, under their own sub-prefix, created before the checks and never named by any
// check's expression. If one changes state, a close reached beyond what its expression matched.
import type { CheckContext, CheckDefinition } from '../check.js';
import type { ModelJobState } from '../model/close-model.js';

const bystanders = new Map<string, Map<string, ModelJobState>>();
/** Why the bystanders of a run could not be created, for the check's failure. */
const setupErrors = new Map<string, string>();

export const BYSTANDER_CHECK_ID = 'safety/bystanders-untouched';

export function bystanderCheck(): CheckDefinition & { setup(ctx: CheckContext): Promise<void> } {
  return {
    id: BYSTANDER_CHECK_ID,
    title: 'Jobs outside every expression (opened, closed, in a group) are untouched by the run',
    requirements: ['CJ-EXPAND-002', 'CJ-MATCH-005'],
    phase: 'bystanders',
    async setup(ctx) {
      try {
        const fleet = await ctx.fleet([
          { name: 'bystander-open', groups: ['bystander-grp'], state: 'opened' },
          { name: 'bystander-shut', groups: ['bystander-grp'], state: 'closed' },
        ]);
        bystanders.set(ctx.runPrefix, new Map(fleet.jobs.map((job) => [job.id, job.state] as const)));
      } catch (error) {
        setupErrors.set(ctx.runPrefix, error instanceof Error ? error.message : String(error));
      }
    },
    async run(ctx) {
      const expected = bystanders.get(ctx.runPrefix);
      const setupError = setupErrors.get(ctx.runPrefix);
      bystanders.delete(ctx.runPrefix);
      setupErrors.delete(ctx.runPrefix);
      ctx.must(
        ['CJ-EXPAND-002'],
        expected !== undefined && expected.size > 0,
        `the bystander jobs could not be created${setupError === undefined ? '' : `: ${setupError}`}`,
      );
      const states = await ctx.jobStates(`${ctx.runPrefix}*`);
      for (const [id, state] of expected ?? []) {
        ctx.verify(
          ['CJ-EXPAND-002', 'CJ-MATCH-005'],
          states.get(id) === state,
          `bystander ${id} should still be ${state}`,
          state,
          states.get(id),
        );
      }
    },
  };
}
