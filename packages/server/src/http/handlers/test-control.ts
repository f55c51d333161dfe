// The test-control operations under /_mlclose/test (spec tag "test control"), enabled by `testControl`.
import type { DeleteByPrefixResponse, TestControlInfo } from '@mlclose/schema';
import { toMillis, type TimeValue } from '../../rules/duration.js';
import { illegalArgument } from '../../rules/error-envelope.js';
import { parseOptionsBody } from '../../rules/object-parser.js';
import { requireBody, timeField, type Handler } from './request.js';

export const testControlInfo: Handler = (ctx) => () => {
  const body: TestControlInfo = {
    test_control: true,
    version: ctx.version,
    capabilities: [
      'fail_job',
      'job_behaviour',
      'release_job',
      'datafeed_behaviour',
      'upgrade_mode',
      'reset',
      'delete_by_prefix',
    ],
  };
  return { body };
};

export const testControlReset: Handler = (ctx) => () => {
  ctx.cluster.reset();
  return { body: { acknowledged: true } };
};

/** Deletes every datafeed, job and index under a literal id prefix (the spec's test-control-delete-by-prefix). */
export const testControlDeleteByPrefix: Handler = (ctx) => {
  const fields = parseOptionsBody(requireBody(ctx), 'delete_by_prefix', { prefix: { kind: 'string' } });
  const prefix = fields.prefix as string | undefined;
  if (prefix === undefined) throw illegalArgument('Required [prefix]');
  if (prefix === '') throw illegalArgument('[prefix] must not be empty; reset deletes everything');
  return () => {
    const body: DeleteByPrefixResponse = { acknowledged: true, ...ctx.cluster.deleteByPrefix(prefix) };
    return { body };
  };
};

export const testControlUpgradeMode: Handler = (ctx) => {
  const fields = parseOptionsBody(requireBody(ctx), 'upgrade_mode', { enabled: { kind: 'boolean' } });
  if (fields.enabled === undefined) throw illegalArgument('Required [enabled]');
  return () => {
    ctx.cluster.upgradeMode = fields.enabled as boolean;
    return { body: { acknowledged: true } };
  };
};

export const testControlFailJob: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  return () => {
    ctx.cluster.failJob(id);
    return { body: { acknowledged: true } };
  };
};

function delayMs(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = toMillis(value as TimeValue);
  return Math.max(ms, 0);
}

export const testControlJobBehaviour: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  const fields = parseOptionsBody(requireBody(ctx), 'job_behaviour', {
    close_delay: timeField('close_delay'),
    open_delay: timeField('open_delay'),
    close_failure: { kind: 'boolean' },
    hold_close: { kind: 'boolean' },
    hold_open: { kind: 'boolean' },
  });
  return () => {
    ctx.cluster.setJobBehaviour(id, {
      closeDelayMs: delayMs(fields.close_delay),
      openDelayMs: delayMs(fields.open_delay),
      closeFailure: fields.close_failure as boolean | undefined,
      holdClose: fields.hold_close as boolean | undefined,
      holdOpen: fields.hold_open as boolean | undefined,
    });
    return { body: { acknowledged: true } };
  };
};

/** Ends a job's holds and finishes the transition they held, if any (the spec's test-control-release-job). */
export const testControlReleaseJob: Handler = (ctx) => {
  const id = ctx.params.get('job_id') ?? '';
  return () => {
    ctx.cluster.releaseJob(id);
    return { body: { acknowledged: true } };
  };
};

export const testControlDatafeedBehaviour: Handler = (ctx) => {
  const id = ctx.params.get('datafeed_id') ?? '';
  const fields = parseOptionsBody(requireBody(ctx), 'datafeed_behaviour', {
    refuse_stop: { kind: 'boolean' },
    stop_failure_reason: { kind: 'string' },
  });
  return () => {
    ctx.cluster.setDatafeedBehaviour(id, {
      refuseStop: fields.refuse_stop as boolean | undefined,
      stopFailureReason: fields.stop_failure_reason as string | undefined,
    });
    return { body: { acknowledged: true } };
  };
};
