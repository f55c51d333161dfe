// Post data and flush job: POST /_ml/anomaly_detectors/{job_id}/_data and /_flush (RestPostDataAction,
// RestFlushJobAction). Post data is a deprecated route: every answer carries its deprecation warning.
import { flushJob, postData } from '../../cluster/data.js';
import { type JavaClass, otherApiError } from '../../rules/error-envelope.js';
import { parseMediaType } from '../../rules/media-type.js';
import { parseOptionsBody } from '../../rules/object-parser.js';
import { authorizeMlAction } from '../security.js';
import { requireBody, type Handler } from './request.js';

const ACTIONS = {
  postData: 'cluster:admin/xpack/ml/job/data/post',
  flushJob: 'cluster:admin/xpack/ml/job/flush',
} as const;

export const POST_DATA_DEPRECATION =
  'Posting data directly to anomaly detection jobs is deprecated, in a future major version it will be compulsory to use a datafeed';

const RUNTIME_EXCEPTION: JavaClass = { name: 'java.lang.RuntimeException', elasticsearch: false };

/** JsonDataToProcessWriter reads JSON (ndjson is JSON to XContentType) and SMILE; other bodies fail. */
function checkDataMediaType(contentType: string | undefined): void {
  const parsed = contentType === undefined ? undefined : parseMediaType(contentType);
  const media = parsed?.ok ? parsed.mediaType : undefined;
  const subtype = media?.subtype.replace(/^vnd\.elasticsearch\+/u, '');
  if (subtype === undefined || subtype === 'json' || subtype === 'x-ndjson') return;
  throw otherApiError(
    500,
    'runtime_exception',
    RUNTIME_EXCEPTION,
    `XContentType [${subtype.toUpperCase()}] is not supported by JsonDataToProcessWriter`,
  );
}

export const postDataHandler: Handler = (ctx) => {
  ctx.warnings.push(POST_DATA_DEPRECATION);
  const id = ctx.params.get('job_id') ?? '';
  const resetStart = ctx.params.get('reset_start') ?? '';
  const resetEnd = ctx.params.get('reset_end') ?? '';
  const body = requireBody(ctx);
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.postData);
    checkDataMediaType(ctx.contentType);
    return { status: 202, body: postData(ctx.cluster, id, body, { resetStart, resetEnd }) };
  };
};

export const flushJobHandler: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  const options = { calcInterim: false, start: '', end: '', advanceTime: '', skipTime: '' };
  if (ctx.body !== null) {
    const fields = parseOptionsBody(ctx.body, ACTIONS.flushJob, {
      job_id: { kind: 'string' },
      calc_interim: { kind: 'boolean' },
      start: { kind: 'string' },
      end: { kind: 'string' },
      advance_time: { kind: 'string' },
      skip_time: { kind: 'string' },
    });
    if (fields.calc_interim !== undefined) options.calcInterim = fields.calc_interim as boolean;
    if (fields.start !== undefined) options.start = fields.start as string;
    if (fields.end !== undefined) options.end = fields.end as string;
    if (fields.advance_time !== undefined) options.advanceTime = fields.advance_time as string;
    if (fields.skip_time !== undefined) options.skipTime = fields.skip_time as string;
  } else {
    options.calcInterim = ctx.params.boolean('calc_interim', false);
    options.start = ctx.params.get('start') ?? '';
    options.end = ctx.params.get('end') ?? '';
    options.advanceTime = ctx.params.get('advance_time') ?? '';
    options.skipTime = ctx.params.get('skip_time') ?? '';
  }
  return () => {
    authorizeMlAction(ctx.principal, ACTIONS.flushJob);
    const end = flushJob(ctx.cluster, id, options);
    return {
      body: end === undefined ? { flushed: true } : { flushed: true, last_finalized_bucket_end: end },
    };
  };
};
