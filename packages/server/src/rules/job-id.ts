// Create-time id validation (Job.Builder.validateInputFields, MlStrings; CJ-SUP-002).
// Close never applies these (CJ-ROUTE-007).

const VALID_ID = /^[a-z0-9](?:[a-z0-9_\-.]*[a-z0-9])?$/u;
export const ID_LENGTH_LIMIT = 64;

/** MlStrings.isValidId: the pattern, and `_all` is never valid. */
export function isValidId(id: string): boolean {
  return VALID_ID.test(id) && id !== '_all';
}

/** Messages.INVALID_ID for a field (`job_id`, `datafeed_id`). */
export function invalidIdMessage(field: string, id: string): string {
  return `Invalid ${field}; '${id}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric`;
}

/** The first id validation failure of create-job, or undefined when the id is valid. */
export function jobIdProblem(id: string): string | undefined {
  if (!isValidId(id)) return invalidIdMessage('job_id', id);
  if (id.length > ID_LENGTH_LIMIT)
    return `The job id cannot contain more than ${ID_LENGTH_LIMIT} characters.`;
  return undefined;
}
