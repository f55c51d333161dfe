// The check catalogue.
import type { CheckDefinition } from '../check.js';
import { bystanderCheck } from './bystanders.js';
import { destructiveChecks } from './destructive.js';
import { expansionChecks } from './expansion.js';
import { jobApiChecks } from './job-apis.js';
import { lifecycleChecks } from './lifecycle.js';
import { requestChecks } from './request.js';
import { securityChecks } from './security.js';
import { supportingChecks } from './supporting.js';
import { traceChecks } from './traces.js';

export { BYSTANDER_CHECK_ID } from './bystanders.js';

/** Every check of the suite, in a stable order (the runner shuffles). */
export function allChecks(): CheckDefinition[] {
  const checks = [
    ...supportingChecks(),
    ...jobApiChecks(),
    ...requestChecks(),
    ...expansionChecks(),
    ...lifecycleChecks(),
    ...securityChecks(),
    ...traceChecks(),
    ...destructiveChecks(),
    bystanderCheck(),
  ];
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.id)) throw new Error(`duplicate check id ${check.id}`);
    seen.add(check.id);
  }
  return checks;
}
