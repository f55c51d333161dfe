// Assertions that attribute failures to requirement ids: a check's failures, notes, and the error/success/state
// expectations every check uses.
import { isDeepStrictEqual } from 'node:util';
import type { RequirementId } from '@mlclose/schema';
import { CheckAbort, CheckSkip, type ErrorExpectation, type Failure } from './check.js';
import type { HttpResponse } from './http.js';
import type { ModelJobState } from './model/close-model.js';

/** The assertion half of a check's context; expectStates reads the states through the subclass. */
export abstract class Assertions {
  readonly failures: Failure[] = [];
  readonly notes: string[] = [];
  abstract readonly prefix: string;

  /** Job states by id for a job expression. */
  abstract jobStates(expression: string): Promise<Map<string, ModelJobState>>;

  verify(
    requirements: readonly RequirementId[],
    ok: boolean,
    message: string,
    expected?: unknown,
    actual?: unknown,
  ): boolean {
    if (!ok) {
      this.failures.push({
        requirements,
        message,
        ...(expected !== undefined ? { expected } : {}),
        ...(actual !== undefined ? { actual } : {}),
      });
    }
    return ok;
  }

  must(
    requirements: readonly RequirementId[],
    ok: boolean,
    message: string,
    expected?: unknown,
    actual?: unknown,
  ): void {
    if (!this.verify(requirements, ok, message, expected, actual)) throw new CheckAbort(message);
  }

  equal(
    requirements: readonly RequirementId[],
    actual: unknown,
    expected: unknown,
    message: string,
  ): boolean {
    return this.verify(requirements, isDeepStrictEqual(actual, expected), message, expected, actual);
  }

  expectError(
    response: HttpResponse,
    expected: ErrorExpectation,
    requirements: readonly RequirementId[],
  ): boolean {
    const before = this.failures.length;
    if (
      !this.verify(
        requirements,
        response.status === expected.status,
        `status should be ${expected.status}`,
        expected.status,
        `${response.status} ${response.text.slice(0, 300)}`,
      )
    ) {
      return false;
    }
    const body = response.json as Record<string, unknown> | undefined;
    const matches = (pattern: string | RegExp, value: unknown): boolean =>
      typeof pattern === 'string' ? value === pattern : typeof value === 'string' && pattern.test(value);
    if (expected.simple !== undefined) {
      this.verify(
        ['CJ-ENV-004', ...requirements],
        typeof body?.error === 'string',
        'the simple error envelope {"error":"<string>"}',
        'string error',
        body?.error,
      );
      this.verify(
        requirements,
        matches(expected.simple, body?.error),
        'error text',
        String(expected.simple),
        body?.error,
      );
      if (expected.simpleHasStatus === false)
        this.verify(
          requirements,
          body !== undefined && !('status' in body),
          'no status field',
          undefined,
          body,
        );
      else
        this.verify(
          ['CJ-ENV-004'],
          body?.status === expected.status,
          'status field equals the HTTP status',
          expected.status,
          body?.status,
        );
      return this.failures.length === before;
    }
    const error = body?.error as Record<string, unknown> | undefined;
    if (
      !this.verify(
        ['CJ-ENV-001', ...requirements],
        typeof error === 'object' && error !== null,
        'the detailed error envelope',
        'object',
        body,
      )
    )
      return false;
    if (expected.type !== undefined)
      this.verify(requirements, error!.type === expected.type, 'error.type', expected.type, error!.type);
    if (expected.reason !== undefined)
      this.verify(
        requirements,
        matches(expected.reason, error!.reason),
        'error.reason',
        String(expected.reason),
        error!.reason,
      );
    const roots = error!.root_cause as Array<Record<string, unknown>> | undefined;
    const rootType = expected.rootCauseType ?? (expected.causedBy ? undefined : expected.type);
    if (rootType !== undefined && Array.isArray(roots)) {
      this.verify(
        ['CJ-ENV-001', ...requirements],
        roots[0]?.type === rootType,
        'root_cause[0].type',
        rootType,
        roots[0]?.type,
      );
    }
    if (expected.causedBy === null) {
      this.verify(
        ['CJ-ENV-003'],
        !('caused_by' in error!),
        'no caused_by when there is no cause',
        undefined,
        error!.caused_by,
      );
    } else if (expected.causedBy) {
      const cause = error!.caused_by as Record<string, unknown> | undefined;
      this.verify(
        ['CJ-ENV-003', ...requirements],
        cause?.type === expected.causedBy.type,
        'caused_by.type',
        expected.causedBy.type,
        cause,
      );
      if (expected.causedBy.reason !== undefined) {
        this.verify(
          requirements,
          matches(expected.causedBy.reason, cause?.reason),
          'caused_by.reason',
          String(expected.causedBy.reason),
          cause?.reason,
        );
      }
    }
    return this.failures.length === before;
  }

  expectClosed(response: HttpResponse, requirements: readonly RequirementId[]): boolean {
    return (
      this.verify(
        requirements,
        response.status === 200,
        'status should be 200',
        200,
        `${response.status} ${response.text.slice(0, 300)}`,
      ) &&
      this.equal(['CJ-RESP-001', ...requirements], response.json, { closed: true }, 'body is {"closed":true}')
    );
  }

  async expectStates(
    expected: ReadonlyMap<string, ModelJobState>,
    requirements: readonly RequirementId[],
    when: string,
  ): Promise<boolean> {
    const actual = await this.jobStates(`${this.prefix}*`);
    let ok = true;
    for (const [id, state] of expected) {
      ok =
        this.verify(
          requirements,
          actual.get(id) === state,
          `${when}: job ${id} should be ${state}`,
          state,
          actual.get(id) ?? 'missing',
        ) && ok;
    }
    return ok;
  }

  failureCount(): number {
    return this.failures.length;
  }

  skip(reason: string): never {
    throw new CheckSkip(reason);
  }

  note(message: string): void {
    this.notes.push(message);
  }
}
