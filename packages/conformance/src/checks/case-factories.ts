// Factories for the common shapes of a check: a request that must be rejected, one that must be accepted, and
// the small pieces check files share to build cases (check-id slugs, waiting for a job to end closed, a close that
// must time out).
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequirementId } from '@mlclose/schema';
import type { CheckContext, CheckDefinition, CloseOptions, ErrorExpectation, Need } from '../check.js';
import type { HttpResponse } from '../http.js';

interface RejectedCase {
  id: string;
  title: string;
  requirements: readonly RequirementId[];
  needs?: readonly Need[];
  /** The expression to close; defaults to the opened job's id. */
  expression?: (jobId: string, ctx: CheckContext) => string;
  request: (jobId: string) => CloseOptions;
  expected: (jobId: string, ctx: CheckContext) => ErrorExpectation;
  /** Requirements the error shape is attributed to (default: the check's). */
  attribute?: readonly RequirementId[];
  /** Extra assertions on the response. */
  also?: (ctx: CheckContext, response: Awaited<ReturnType<CheckContext['close']>>, jobId: string) => void;
}

/**
 * A request that must be rejected before the action runs: an opened job, the request, the expected error, and
 * the job still opened afterwards (CJ-PARAM-007: a 400 has no side effects).
 */
export function rejected(spec: RejectedCase): CheckDefinition {
  return {
    id: spec.id,
    title: spec.title,
    requirements: [...new Set([...spec.requirements, 'CJ-PARAM-007' as RequirementId])],
    ...(spec.needs ? { needs: spec.needs } : {}),
    async run(ctx) {
      const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
      const jobId = fleet.ids.j!;
      const expression = spec.expression ? spec.expression(jobId, ctx) : jobId;
      const response = await ctx.close(expression, spec.request(jobId));
      ctx.expectError(response, spec.expected(jobId, ctx), spec.attribute ?? spec.requirements);
      spec.also?.(ctx, response, jobId);
      await ctx.expectStates(new Map([[jobId, 'opened']]), ['CJ-PARAM-007'], 'after the rejected request');
    },
  };
}

interface AcceptedCase {
  id: string;
  title: string;
  requirements: readonly RequirementId[];
  /** @default 'opened' (the job must end closed) */
  state?: 'opened' | 'closed';
  request: (jobId: string) => CloseOptions;
  also?: (ctx: CheckContext, response: Awaited<ReturnType<CheckContext['close']>>) => void;
}

/** A request that must be accepted: 200 {"closed":true} and the job closed. */
export function accepted(spec: AcceptedCase): CheckDefinition {
  return {
    id: spec.id,
    title: spec.title,
    requirements: spec.requirements,
    async run(ctx) {
      const fleet = await ctx.fleet([{ name: 'j', state: spec.state ?? 'opened' }]);
      const jobId = fleet.ids.j!;
      const response = await ctx.close(jobId, spec.request(jobId));
      ctx.expectClosed(response, spec.requirements);
      spec.also?.(ctx, response);
      await ctx.expectStates(new Map([[jobId, 'closed']]), spec.requirements, 'after the close');
    },
  };
}

/** A slug usable in a check id. */
export function slug(value: string): string {
  const cleaned = value.replace(
    /[^A-Za-z0-9_-]+/g,
    (match) => `~${[...match].map((c) => c.charCodeAt(0).toString(16)).join('')}~`,
  );
  return cleaned.length > 0 ? cleaned : 'empty';
}

/** How long timedOutClose waits for an answer before it releases the held close anyway. */
const HELD_CLOSE_WAIT_MS = 5_000;

/**
 * Opens a job and closes it with `options` (a timeout) while its close is held (hold_close), for the checks of a
 * close that times out: a held close outlasts any timeout however busy the machine, where a close delay leaves only
 * its margin over the timeout, which a loaded machine can outrun (a false alarm in one of the repeated runs). The
 * job is released once the close answered, so the close goes on to the end; if no answer comes within
 * HELD_CLOSE_WAIT_MS it is released anyway, so that a target that ignores the timeout answers (once its close ends)
 * instead of holding the check. Needs `job_behaviour` and `release_job`.
 */
export async function timedOutClose(
  ctx: CheckContext,
  options: CloseOptions,
): Promise<{ id: string; response: HttpResponse }> {
  const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
  const id = fleet.ids.j!;
  await ctx.jobBehaviour(id, { hold_close: true });
  const pending = ctx.close(id, options);
  const waited = new AbortController();
  const answered = await Promise.race([
    pending.then(
      () => true,
      () => true,
    ),
    // Ends early when the run is interrupted; cancelled below once the close answered.
    sleep(HELD_CLOSE_WAIT_MS, false, { signal: AbortSignal.any([waited.signal, ctx.signal]) }).catch(
      () => true,
    ),
  ]);
  waited.abort();
  if (!answered) await ctx.releaseJob(id);
  try {
    return { id, response: await pending };
  } finally {
    if (answered) await ctx.releaseJob(id);
  }
}

/** Polls until the job is closed (a timed-out close goes on in the background); false if it never is. */
export function endsClosed(ctx: CheckContext, id: string): Promise<boolean> {
  return ctx.poll(
    `${id} to end closed`,
    async () => (await ctx.jobStates(id)).get(id) === 'closed',
    100,
    100,
  );
}
