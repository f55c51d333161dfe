import { ValidationError } from './errors.js';

/**
 * Turns `job_id` (a string expression or an array of ids, groups and wildcards) into one path segment.
 * Each comma-separated part is percent-encoded on its own and the commas stay literal, so no id can add a
 * path segment, a query or a fragment. Blank parts are dropped, as Elasticsearch drops them
 * (CJ-EXPAND-001), and an expression with no parts left is refused: Elasticsearch would read it as `_all`
 * and close every job (CJ-EXPAND-004).
 */
export function encodeJobIds(jobId: unknown): string {
  const segment =
    // One id, the common call: the same result without the five arrays of the general case (1.6 µs of
    // self time a call in a CPU profile of closeJob, 1.0 without).
    typeof jobId === 'string' && !jobId.includes(',')
      ? jobId.trim()
        ? encodeURIComponent(jobId)
        : ''
      : // No .flat() needed: an array's string is its items joined with commas, nested arrays included.
        [jobId]
          .join()
          .split(',')
          .filter((part) => part.trim())
          .map(encodeURIComponent)
          .join();
  if (!segment) throw new ValidationError('empty job_id');
  // `.` and `..` are dot-segments that URL parsing removes (even as %2E). A trailing comma keeps the
  // segment and, since Elasticsearch drops empty tokens, means the same expression.
  return segment === '.' || segment === '..' ? `${segment},` : segment;
}
