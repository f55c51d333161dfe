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

/** Every check of the suite, in a stable order (the runner shuffles). */
export function allChecks(): CheckDefinition[] {
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
  return checks;
}
