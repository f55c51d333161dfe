// The check catalogue.
import type { CheckDefinition } from '../check.js';
import { bodyChecks } from './body.js';
import { booleanChecks } from './bool.js';
import { bystanderCheck } from './bystanders.js';
import { contentTypeChecks } from './content-type.js';
import { destructiveChecks } from './destructive.js';
import { durationChecks } from './duration.js';
import { durationPrintedChecks } from './duration-printed.js';
import { envelopeChecks } from './envelope.js';
import { expansionChecks } from './expansion.js';
import { formatChecks } from './format.js';
import { jobApiChecks } from './job-apis.js';
import { lifecycleChecks } from './lifecycle.js';
import { modeChecks } from './mode.js';
import { parameterChecks } from './param.js';
import { responseChecks } from './response.js';
import { routeChecks } from './route.js';
import { securityChecks } from './security.js';
import { supportingChecks } from './supporting.js';
import { traceChecks } from './traces.js';

export { BYSTANDER_CHECK_ID } from './bystanders.js';

/**
 * The catalogue, built once per thread: building it runs the close model for each of the ~540 expansion checks, and a
 * run asks for it twice (the runner, and the session in the run's worker thread, which a later run may reuse). Each
 * definition is frozen, so that no run can change one for the next.
 */
let catalogue: readonly CheckDefinition[] | undefined;

/** Every check of the suite, in a stable order (the runner shuffles): a new array of the same frozen definitions. */
export function allChecks(): CheckDefinition[] {
  catalogue ??= buildCatalogue();
  return [...catalogue];
}

function buildCatalogue(): readonly CheckDefinition[] {
  const checks = [
    ...supportingChecks(),
    ...jobApiChecks(),
    // Request parsing, one file per check-id prefix.
    ...routeChecks(),
    ...modeChecks(),
    ...parameterChecks(),
    ...booleanChecks(),
    ...durationChecks(),
    ...durationPrintedChecks(),
    ...bodyChecks(),
    ...contentTypeChecks(),
    ...formatChecks(),
    ...responseChecks(),
    ...envelopeChecks(),
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
  return Object.freeze(checks.map(freeze));
}

function freeze(check: CheckDefinition): CheckDefinition {
  for (const value of Object.values(check)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(check);
}
