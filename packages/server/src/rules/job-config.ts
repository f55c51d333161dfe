// The job configuration of a create-job request: Job.Builder's validation, defaults and messages.
import type { Job } from '@mlclose/schema';
import type { StoredJob } from '../cluster/store.js';
import { illegalArgument } from './error-envelope.js';
import { parseTimeValue } from './duration.js';
import { isValidId, jobIdProblem } from './job-id.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function detectorDescription(detector: Record<string, unknown>): string {
  // DefaultDetectorDescription.
  let text = String(detector.function);
  if (typeof detector.field_name === 'string') text += `(${detector.field_name})`;
  if (typeof detector.by_field_name === 'string') text += ` by ${detector.by_field_name}`;
  if (typeof detector.over_field_name === 'string') text += ` over ${detector.over_field_name}`;
  if (typeof detector.partition_field_name === 'string')
    text += ` partitionfield=${detector.partition_field_name}`;
  return text;
}

/**
 * Job.Builder.validateInputFields and build(), with Elasticsearch's defaults and messages. Runs while the
 * request is parsed, so an invalid job is a 400 even for a user who may not create jobs (as CJ-SEC-006 orders
 * close's checks).
 */
export function buildJob(id: string, input: Record<string, unknown>): StoredJob {
  if (input.job_id !== undefined && input.job_id !== id) {
    throw illegalArgument(
      `Inconsistent job_id; '${String(input.job_id)}' specified in the body differs from '${id}' specified as a URL argument`,
    );
  }
  const problem = jobIdProblem(id);
  if (problem) throw illegalArgument(problem);
  const analysis = input.analysis_config;
  if (!isObject(analysis)) throw illegalArgument('An analysis_config must be set');
  const dataDescription = input.data_description;
  if (!isObject(dataDescription)) throw illegalArgument('A data_description must be set');
  const detectorsIn = analysis.detectors;
  if (!Array.isArray(detectorsIn) || detectorsIn.length === 0)
    throw illegalArgument('No detectors configured');
  const detectors = detectorsIn.map((raw, index) => {
    if (!isObject(raw) || typeof raw.function !== 'string' || raw.function === '') {
      throw illegalArgument("Unknown function ''");
    }
    const { detector_description, function: fn, ...rest } = raw;
    return {
      detector_description:
        typeof detector_description === 'string' ? detector_description : detectorDescription(raw),
      function: fn,
      ...rest,
      detector_index: index,
    };
  });
  const groupsIn = input.groups ?? [];
  if (!Array.isArray(groupsIn) || groupsIn.some((group) => typeof group !== 'string')) {
    throw illegalArgument('[groups] must be an array of strings');
  }
  const groups = [...new Set(groupsIn as string[])];
  for (const group of groups) {
    if (!isValidId(group)) {
      throw illegalArgument(
        `Invalid group id '${group}'; must contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start and end with alphanumeric`,
      );
    }
  }
  if (typeof analysis.bucket_span === 'string')
    parseTimeValue(analysis.bucket_span, 'analysis_config.bucket_span');
  const {
    job_id: _ignored,
    groups: _groups,
    description,
    analysis_config: _analysis,
    analysis_limits,
    data_description: _dataDescription,
    results_index_name,
    allow_lazy_open,
    ...other
  } = input;
  const job: StoredJob = {
    job_id: id,
    job_type: 'anomaly_detector',
    job_version: '12.0.0',
    ...(groups.length > 0 ? { groups } : {}),
    ...(typeof description === 'string' ? { description } : {}),
    create_time: Date.now(),
    analysis_config: {
      bucket_span: '5m',
      ...analysis,
      detectors,
      influencers: analysis.influencers ?? [],
    } as Job['analysis_config'],
    analysis_limits: {
      model_memory_limit: '1024mb',
      categorization_examples_limit: 4,
      ...(isObject(analysis_limits) ? analysis_limits : {}),
    },
    data_description: { time_field: 'time', time_format: 'epoch_ms', ...dataDescription },
    model_snapshot_retention_days: 10,
    daily_model_snapshot_retention_after_days: 1,
    results_index_name: typeof results_index_name === 'string' ? results_index_name : 'shared',
    allow_lazy_open: allow_lazy_open === true,
    ...other,
  };
  return job;
}
