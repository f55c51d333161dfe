// Fixtures: jobs, datafeeds and states built only from standard Elasticsearch APIs (plus test control where a
// check needs it). A supporting operation's own failures are attributed to its CJ-SUP requirement.
import type { DatafeedBehaviour, JobBehaviour, RequirementId } from '@mlclose/schema';
import type { CheckContext, Fleet, JobSpec } from './check.js';
import type { HttpRequest, HttpResponse } from './http.js';
import type { ModelJob, ModelJobState } from './model/close-model.js';
import { operation, type SupportingOperationId } from './operations.js';

/** The supporting requirement an operation's own failures are attributed to. */
const OPERATION_REQUIREMENT: Record<SupportingOperationId, RequirementId> = {
  info: 'CJ-SUP-001',
  'ml-put-job': 'CJ-SUP-002',
  'ml-get-jobs': 'CJ-SUP-003',
  'ml-delete-job': 'CJ-SUP-004',
  'ml-open-job': 'CJ-SUP-005',
  'ml-info': 'CJ-SUP-005',
  'ml-get-job-stats': 'CJ-SUP-006',
  'ml-put-datafeed': 'CJ-SUP-007',
  'ml-delete-datafeed': 'CJ-SUP-008',
  'ml-start-datafeed': 'CJ-SUP-009',
  'ml-stop-datafeed': 'CJ-SUP-010',
  'ml-get-datafeed-stats': 'CJ-SUP-011',
  'indices-create': 'CJ-SUP-012',
  'indices-delete': 'CJ-SUP-012',
  'ml-post-data': 'CJ-SUP-013',
  'ml-flush-job': 'CJ-SUP-014',
  'ml-update-job': 'CJ-SUP-015',
  'ml-update-datafeed': 'CJ-SUP-015',
  'ml-get-datafeeds': 'CJ-SUP-015',
  'cluster-health': 'CJ-SUP-016',
  'cluster-put-settings': 'CJ-SUP-016',
  index: 'CJ-SUP-017',
  'index-auto-id': 'CJ-SUP-017',
  get: 'CJ-SUP-017',
  count: 'CJ-SUP-018',
  'indices-refresh': 'CJ-SUP-018',
  'indices-exists': 'CJ-SUP-018',
  'indices-exists-alias': 'CJ-SUP-018',
  'test-control-info': 'CJ-TC-001',
  'test-control-reset': 'CJ-TC-001',
  'test-control-delete-by-prefix': 'CJ-TC-001',
  'test-control-release-job': 'CJ-TC-001',
  'test-control-upgrade-mode': 'CJ-UPG-001',
  'test-control-fail-job': 'CJ-STATE-004',
  'test-control-job-behaviour': 'CJ-TIMEOUT-002',
  'test-control-datafeed-behaviour': 'CJ-DATAFEED-003',
};

/** A small job config: what create-job needs, and a small memory limit. */
export function jobConfig(groups: readonly string[]): Record<string, unknown> {
  return {
    analysis_config: { bucket_span: '15m', detectors: [{ function: 'count' }] },
    data_description: { time_field: 'timestamp' },
    // A small memory reservation, so that many jobs can be open at once on a real ML node.
    analysis_limits: { model_memory_limit: '16mb' },
    ...(groups.length > 0 ? { groups } : {}),
  };
}

/** What fixtures need from the check's context. */
export type FixtureHost = Pick<CheckContext, 'prefix' | 'target' | 'name' | 'send' | 'must' | 'skip'>;

/** What fixtures need from the run: the datafeeds' index, and a note when upgrade mode is switched. */
export interface FixtureRun {
  /** The index datafeeds read; created on first use. */
  dataIndex(): Promise<string>;
  /** Called when upgrade mode is switched, so that cleanup can switch it off. */
  upgradeModeTouched(enabled: boolean): void;
}

/** The fixtures of one check. */
export class Fixtures {
  private readonly host: FixtureHost;
  private readonly run: FixtureRun;

  constructor(host: FixtureHost, run: FixtureRun) {
    this.host = host;
    this.run = run;
  }

  private async supporting(
    operationId: SupportingOperationId,
    request: HttpRequest,
    expectStatus: number | readonly number[] = 200,
  ): Promise<HttpResponse> {
    const requirement = OPERATION_REQUIREMENT[operationId];
    const response = await this.host.send(request, { operationId }, [requirement]);
    const statuses = typeof expectStatus === 'number' ? [expectStatus] : expectStatus;
    this.host.must(
      [requirement],
      statuses.includes(response.status),
      `${operationId} (${request.method} ${request.path}) answered ${response.status}`,
      statuses,
      response.text.slice(0, 300),
    );
    return response;
  }

  private json(body: unknown): { headers: Record<string, string>; body: string } {
    return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  }

  async fleet(specs: readonly JobSpec[]): Promise<Fleet> {
    const ids: Record<string, string> = {};
    const datafeeds: Record<string, string> = {};
    const needsFail = specs.some((spec) => spec.state === 'failed');
    if (needsFail) this.requireCapability('fail_job');
    for (const spec of specs) ids[spec.name] = this.host.name(spec.name);
    await Promise.all(
      specs.map((spec) =>
        this.supporting('ml-put-job', {
          ...operation('ml-put-job', { job_id: ids[spec.name]! }),
          ...this.json(jobConfig((spec.groups ?? []).map((group) => this.host.name(group)))),
        }),
      ),
    );
    const withDatafeed = specs.filter((spec) => spec.datafeed);
    if (withDatafeed.length > 0) {
      const index = await this.run.dataIndex();
      await Promise.all(
        withDatafeed.map(async (spec) => {
          const datafeedId = this.host.name(`${spec.name}-df`);
          datafeeds[spec.name] = datafeedId;
          await this.supporting('ml-put-datafeed', {
            ...operation('ml-put-datafeed', { datafeed_id: datafeedId }),
            ...this.json({ job_id: ids[spec.name], indices: [index] }),
          });
        }),
      );
    }
    await Promise.all(
      specs
        .filter((spec) => spec.state === 'opened' || spec.state === 'failed')
        .map(async (spec) => {
          await this.openJob(ids[spec.name]!);
          if (spec.datafeed === 'started') {
            await this.supporting('ml-start-datafeed', {
              ...operation('ml-start-datafeed', { datafeed_id: datafeeds[spec.name]! }),
            });
          }
          if (spec.state === 'failed') await this.failJob(ids[spec.name]!);
        }),
    );
    const jobs: ModelJob[] = specs.map((spec) => ({
      id: ids[spec.name]!,
      groups: (spec.groups ?? []).map((group) => this.host.name(group)),
      state: spec.state ?? 'closed',
    }));
    if (specs.length > 0) {
      const states = await this.jobStates(`${this.host.prefix}*`);
      for (const job of jobs) {
        const requirement: RequirementId =
          job.state === 'failed' ? 'CJ-STATE-004' : job.state === 'opened' ? 'CJ-SUP-005' : 'CJ-SUP-002';
        this.host.must(
          [requirement],
          states.get(job.id) === job.state,
          `fixture: job ${job.id} should be ${job.state} before the close`,
          job.state,
          states.get(job.id),
        );
      }
    }
    return { ids, datafeeds, jobs };
  }

  async jobStats(expression: string): Promise<Map<string, Record<string, unknown>>> {
    const response = await this.supporting('ml-get-job-stats', {
      ...operation('ml-get-job-stats', { job_id: expression }, 'allow_no_match=true'),
    });
    const body = response.json as { jobs: Array<Record<string, unknown> & { job_id: string }> };
    return new Map(body.jobs.map((job) => [job.job_id, job] as const));
  }

  async jobStates(expression: string): Promise<Map<string, ModelJobState>> {
    const stats = await this.jobStats(expression);
    return new Map([...stats].map(([id, job]) => [id, job.state as ModelJobState] as const));
  }

  async datafeedStates(expression: string): Promise<Map<string, string>> {
    const response = await this.supporting('ml-get-datafeed-stats', {
      ...operation('ml-get-datafeed-stats', { datafeed_id: expression }, 'allow_no_match=true'),
    });
    const body = response.json as { datafeeds: Array<{ datafeed_id: string; state: string }> };
    return new Map(body.datafeeds.map((datafeed) => [datafeed.datafeed_id, datafeed.state] as const));
  }

  openJob(id: string): Promise<HttpResponse> {
    return this.supporting('ml-open-job', {
      ...operation('ml-open-job', { job_id: id }),
    });
  }

  private requireCapability(capability: string): void {
    if (!this.host.target.capabilities.has(capability)) {
      this.host.skip(`needs the test-control capability "${capability}", which the target does not offer`);
    }
  }

  async failJob(id: string): Promise<void> {
    this.requireCapability('fail_job');
    await this.supporting('test-control-fail-job', {
      ...operation('test-control-fail-job', { job_id: id }),
    });
  }

  async jobBehaviour(id: string, behaviour: JobBehaviour): Promise<void> {
    this.requireCapability('job_behaviour');
    await this.supporting('test-control-job-behaviour', {
      ...operation('test-control-job-behaviour', { job_id: id }),
      ...this.json(behaviour),
    });
  }

  async releaseJob(id: string): Promise<void> {
    this.requireCapability('release_job');
    await this.supporting('test-control-release-job', operation('test-control-release-job', { job_id: id }));
  }

  async datafeedBehaviour(id: string, behaviour: DatafeedBehaviour): Promise<void> {
    this.requireCapability('datafeed_behaviour');
    await this.supporting('test-control-datafeed-behaviour', {
      ...operation('test-control-datafeed-behaviour', { datafeed_id: id }),
      ...this.json(behaviour),
    });
  }

  async upgradeMode(enabled: boolean): Promise<void> {
    this.requireCapability('upgrade_mode');
    this.run.upgradeModeTouched(enabled);
    await this.supporting('test-control-upgrade-mode', {
      ...operation('test-control-upgrade-mode'),
      ...this.json({ enabled }),
    });
  }
}
