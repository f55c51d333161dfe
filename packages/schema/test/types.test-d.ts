import { assertType, describe, expectTypeOf, it } from 'vitest';
import type {
  CloseJobErrorBody,
  CloseJobRequest,
  CloseJobRequestBody,
  CloseJobResponse,
  DetailedErrorResponse,
  ErrorResponse,
  JobState,
  SimpleErrorResponse,
  operations,
} from '../src/index.js';
import { assertValid, isValid } from '../src/validators.js';

describe('close-job types', () => {
  it('job_id is required', () => {
    assertType<CloseJobRequest>({ job_id: 'low_request_rate' });
    // @ts-expect-error job_id is missing
    assertType<CloseJobRequest>({ force: true });
    expectTypeOf<operations['ml-close-job']['parameters']['path']>().toEqualTypeOf<{ job_id: string }>();
  });

  it('the body fields stay optional although the spec gives them defaults', () => {
    assertType<CloseJobRequestBody>({});
    expectTypeOf<CloseJobRequestBody>().toHaveProperty('force');
    expectTypeOf({}).toExtend<CloseJobRequestBody>();
    expectTypeOf<CloseJobRequestBody['force']>().toEqualTypeOf<boolean | string | undefined>();
    expectTypeOf<CloseJobRequestBody['timeout']>().toEqualTypeOf<string | undefined>();
  });

  it('the options are typed', () => {
    assertType<CloseJobRequest>({ job_id: 'a', force: true, allow_no_match: false, timeout: '5m' });
    // @ts-expect-error force is a boolean
    assertType<CloseJobRequest>({ job_id: 'a', force: 'yes' });
    // @ts-expect-error unknown option
    assertType<CloseJobRequest>({ job_id: 'a', forced: true });
  });

  it('the response is { closed: boolean }', () => {
    expectTypeOf<CloseJobResponse>().toEqualTypeOf<{ closed: boolean }>();
  });

  it('error responses are typed by status', () => {
    expectTypeOf<CloseJobErrorBody<404>>().toEqualTypeOf<DetailedErrorResponse>();
    expectTypeOf<CloseJobErrorBody<405>>().toEqualTypeOf<SimpleErrorResponse>();
    expectTypeOf<CloseJobErrorBody<400>>().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<DetailedErrorResponse['error']['type']>().toEqualTypeOf<string>();
    expectTypeOf<DetailedErrorResponse['status']>().toEqualTypeOf<number>();
    expectTypeOf<SimpleErrorResponse['error']>().toEqualTypeOf<string>();
  });

  it('JobState is the five states', () => {
    expectTypeOf<JobState>().toEqualTypeOf<'closing' | 'closed' | 'opened' | 'failed' | 'opening'>();
  });
});

describe('validator types', () => {
  it('isValid narrows an unknown value to the schema type, and only inside the guard', () => {
    const value: unknown = JSON.parse('{"closed":true}');
    if (isValid('CloseJobResponse', value)) expectTypeOf(value).toEqualTypeOf<CloseJobResponse>();
    else expectTypeOf(value).toEqualTypeOf<unknown>();
    // @ts-expect-error not a schema of components.schemas
    isValid('NoSuchSchema', value);
  });

  it('assertValid narrows what follows it', () => {
    const value: unknown = JSON.parse('{"closed":true}');
    assertValid('CloseJobResponse', value);
    expectTypeOf(value).toEqualTypeOf<CloseJobResponse>();
  });
});
