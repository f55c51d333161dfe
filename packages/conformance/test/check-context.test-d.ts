// Type tests of the check context's test-control calls. A .test-d.ts file: the typecheck task (tsc on tsconfig.json)
// checks it. A behaviour is the spec's JobBehaviour or DatafeedBehaviour, so a misspelt field fails `pnpm typecheck`
// instead of being sent, and ignored by the target.
import type { DatafeedBehaviour, JobBehaviour } from '@mlclose/schema';
import { describe, expectTypeOf, it } from 'vitest';
import type { CheckContext } from '../src/check.js';

describe('test-control behaviours', () => {
  it("take the spec's behaviour types", () => {
    expectTypeOf<CheckContext['jobBehaviour']>().parameter(1).toEqualTypeOf<JobBehaviour>();
    expectTypeOf<CheckContext['datafeedBehaviour']>().parameter(1).toEqualTypeOf<DatafeedBehaviour>();
  });

  it('refuse a field the spec does not have, or a value of the wrong type', () => {
    const call = (ctx: CheckContext) => {
      // @ts-expect-error hold_clse is not a field of JobBehaviour
      void ctx.jobBehaviour('j', { hold_clse: true });
      // @ts-expect-error refuse_stop is a boolean
      void ctx.datafeedBehaviour('d', { refuse_stop: 'yes' });
    };
    expectTypeOf(call).toBeFunction();
  });
});
