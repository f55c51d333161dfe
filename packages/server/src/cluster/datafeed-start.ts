// What start datafeed checks before it creates the datafeed's task (TransportStartDatafeedAction): the time
// range, that the data extractor can be built over the indices (DataExtractorFactory: the indices exist and
// map the job's fields), and that persistent tasks may be assigned (PersistentTasksClusterService).
import { esError } from '../rules/error-envelope.js';
import { validationFailed } from '../rules/request-validation.js';
import type { Cluster } from './cluster.js';
import { dataJobConfig } from './data.js';
import type { PersistedDatafeed, StoredJob } from './store.js';

/** StartDatafeedAction.Request.validate: the end of the range must come after its start. */
export function checkTimeRange(start: number, end: number | undefined): void {
  if (end !== undefined && end <= start) {
    throw validationFailed(`start [${start}] must be earlier than end [${end}]`);
  }
}

/** The leaf field names of an index's mappings (`properties` walked, multi-fields as `name.sub`). */
function mappedFields(mappings: unknown, prefix = '', out = new Set<string>()): Set<string> {
  const properties = (mappings as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (properties === null || typeof properties !== 'object') return out;
  for (const [name, spec] of Object.entries(properties)) {
    const path = `${prefix}${name}`;
    out.add(path);
    mappedFields(spec, `${path}.`, out);
    const fields = (spec as { fields?: Record<string, unknown> } | undefined)?.fields;
    if (fields && typeof fields === 'object')
      for (const sub of Object.keys(fields)) out.add(`${path}.${sub}`);
  }
  return out;
}

/**
 * DataExtractorFactory.create: every concrete index must exist (404), and the job's fields must be mapped
 * (400). An index created without mappings is taken to map every field, as dynamic mapping would once data
 * arrives; patterns and remote indices are resolved at search time.
 */
export function checkDataExtraction(
  cluster: Cluster,
  config: PersistedDatafeed['config'],
  job: StoredJob,
): void {
  const id = config.datafeed_id;
  const mapped = new Set<string>();
  let explicit = false;
  for (const index of config.indices) {
    if (index.includes('*') || index.includes(':')) continue;
    let targets: { index: string }[];
    try {
      targets = cluster.documents.resolve(index);
    } catch {
      throw esError(
        404,
        'resource_not_found_exception',
        `datafeed [${id}] cannot retrieve data because index [${index}] does not exist`,
      );
    }
    for (const target of targets) {
      const mappings = cluster.indexMappings(target.index);
      if (mappings === undefined) continue;
      explicit = true;
      for (const field of mappedFields(mappings)) mapped.add(field);
    }
  }
  if (!explicit) return;
  const scripted = new Set([
    ...Object.keys((config.script_fields as Record<string, unknown> | undefined) ?? {}),
    ...Object.keys((config.runtime_mappings as Record<string, unknown> | undefined) ?? {}),
  ]);
  const fields = dataJobConfig(job);
  for (const field of [fields.timeField, ...fields.analysisFields]) {
    if (scripted.has(field) || mapped.has(field)) continue;
    throw esError(
      400,
      'status_exception',
      `[${id}] cannot retrieve field [${field}] because it has no mappings`,
    );
  }
}

/** EnableAssignmentDecider: `cluster.persistent_tasks.allocation.enable: none` assigns no task (429). */
export function checkAssignment(cluster: Cluster): void {
  if (!cluster.persistentTaskAssignment) {
    throw esError(
      429,
      'status_exception',
      'Could not start datafeed, allocation explanation [no persistent task assignments are allowed due to cluster settings]',
    );
  }
}
