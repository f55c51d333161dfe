// Which requirement a schema failure of a response is attributed to: the part of the error envelope it breaks.
import type { RequirementId } from '@mlclose/schema';

/**
 * The requirements a schema failure of an error body is attributed to: the part of the envelope it breaks
 * (CJ-ENV-001..003), not the behaviour the check was after. root_cause entries → CJ-ENV-002, caused_by →
 * CJ-ENV-003, the envelope's own shape (status, error.type/reason/root_cause) → CJ-ENV-001, stack_trace →
 * CJ-FMT-004. Anything else (a success body, an undocumented status) stays with `fallback`.
 */
export function schemaAttribution(
  body: unknown,
  issues: readonly { readonly path: string; readonly message: string }[],
  fallback: readonly RequirementId[],
): readonly RequirementId[] {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null) return fallback;
  // A detailed envelope fails the simple alternative of the oneOf too; that echo says nothing.
  const specific = issues.filter(
    (issue) =>
      !(issue.path === '/error' && issue.message === 'must be string') &&
      !(issue.path === '' && /oneOf|anyOf/.test(issue.message)),
  );
  const attributed = new Set<RequirementId>();
  for (const issue of specific) {
    if (/^\/error\/root_cause\/\d+/.test(issue.path)) attributed.add('CJ-ENV-002');
    else if (issue.path.startsWith('/error/caused_by')) attributed.add('CJ-ENV-003');
    else if (issue.path.startsWith('/error/stack_trace')) attributed.add('CJ-FMT-004');
    else if (
      (issue.path === '' && /required property|additional propert/.test(issue.message)) ||
      issue.path === '/status' ||
      issue.path === '/error' ||
      /^\/error\/(root_cause|type|reason)$/.test(issue.path)
    )
      attributed.add('CJ-ENV-001');
    else return fallback;
  }
  return attributed.size > 0 ? [...attributed] : fallback;
}
