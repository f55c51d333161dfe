// @mlclose/server/testing: one driver for the reference server in tests. It starts a server on 127.0.0.1 and
// a free port (or drives one already running), sends requests, checks answers against the spec when asked,
// and wraps the supporting and test-control operations that tests use to set up state.
import type { DeleteByPrefixResponse } from '@mlclose/schema';
import { validateResponse } from '@mlclose/schema/validators';
import { startServer, type RunningServer, type ServerOptions } from './index.js';

/** An answer as the driver saw it. */
export interface DriverResponse {
  status: number;
  headers: Headers;
  /** The body as text. */
  text: string;
  /** The body parsed as JSON; `undefined` when it is empty or not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: a test helper: tests read response bodies without narrowing.
  json: any;
}

export interface DriverRequest {
  /** A JSON body: a string is sent as is, anything else is serialised. `Content-Type: application/json` is added unless given. */
  body?: string | object;
  /** Headers for this request, on top of the driver's own. */
  headers?: Record<string, string>;
  /**
   * The spec's operationId (`ml-close-job`, …). When given, the answer must match that operation's response
   * schema for its status, or the request throws. @default no check
   */
  op?: string;
}

export interface DriverOptions {
  /** Headers sent with every request, for example credentials. @default {} */
  headers?: Record<string, string>;
}

/**
 * A URL nothing can ever listen on: no socket binds port 0 (binding 0 picks a free port), so connecting to it
 * is refused at once (`ECONNREFUSED`). Use it for "nothing listens there" instead of a server started and
 * closed again, whose free port another process may take in between.
 */
export const UNREACHABLE_URL = 'http://127.0.0.1:0';

/**
 * The path of the close-job API for an expression and an optional query (`?force=true`). The expression goes
 * into the path as is, so a test chooses the exact bytes: percent-encode ids that need it.
 */
export function closePath(expression: string, query = ''): string {
  return `/_ml/anomaly_detectors/${expression}/_close${query}`;
}

/** The top-level error of an error answer: status, type and reason. */
export function errorOf(response: DriverResponse): { status: number; type: string; reason: string } {
  return { status: response.status, type: response.json?.error?.type, reason: response.json?.error?.reason };
}

const job = (id: string): string => `/_ml/anomaly_detectors/${encodeURIComponent(id)}`;
const testJob = (id: string): string => `/_mlclose/test/anomaly_detectors/${encodeURIComponent(id)}`;
const datafeed = (id: string): string => `/_ml/datafeeds/${encodeURIComponent(id)}`;

/**
 * Drives a reference server at `url`. The setup methods (`putJob`, `openJob`, …) throw unless the server
 * answers 200; test-control methods need a server started with test control.
 */
export class ServerDriver {
  private readonly headers: Record<string, string>;

  constructor(
    /** The base URL, without a trailing slash. */
    readonly url: string,
    options: DriverOptions = {},
  ) {
    this.headers = { ...options.headers };
  }

  async request(method: string, path: string, init: DriverRequest = {}): Promise<DriverResponse> {
    const headers: Record<string, string> = { ...this.headers, ...init.headers };
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = 'application/json';
      }
    }
    const response = await fetch(this.url + path, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (init.op !== undefined && method !== 'HEAD') {
      const { errors } = validateResponse(init.op, response.status, json);
      if (errors.length > 0) {
        throw new Error(
          `${method} ${path} → ${response.status} does not match ${init.op} in the spec: ${JSON.stringify(errors)}\n${text}`,
        );
      }
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  /** Sends a request that must answer 200 (checked against the spec) and returns its JSON body. */
  // biome-ignore lint/suspicious/noExplicitAny: a test helper: callers read the JSON body without narrowing.
  private async must(method: string, path: string, op: string, body?: object): Promise<any> {
    const response = await this.request(method, path, { op, body });
    if (response.status !== 200) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.json;
  }

  /** Test control: deletes every job, datafeed and index and clears every behaviour. */
  async reset(): Promise<void> {
    await this.must('POST', '/_mlclose/test/_reset', 'test-control-reset');
  }

  /** Test control: deletes every datafeed, job and index under a literal id prefix; answers what went. */
  async deleteByPrefix(prefix: string): Promise<DeleteByPrefixResponse> {
    return this.must('POST', '/_mlclose/test/_delete_by_prefix', 'test-control-delete-by-prefix', { prefix });
  }

  /** Creates (or replaces) a job with one count detector, in `groups`. @default groups [] */
  async putJob(id: string, groups: string[] = []): Promise<void> {
    await this.must('PUT', job(id), 'ml-put-job', {
      ...(groups.length > 0 ? { groups } : {}),
      analysis_config: { bucket_span: '15m', detectors: [{ function: 'count' }] },
      data_description: { time_field: 'timestamp' },
    });
  }

  /** Opens a job; resolves once it is `opened`. */
  async openJob(id: string): Promise<void> {
    await this.must('POST', `${job(id)}/_open`, 'ml-open-job');
  }

  /** The job's state from job stats. */
  async state(id: string): Promise<string> {
    const body = await this.must('GET', `${job(id)}/_stats`, 'ml-get-job-stats');
    return body.jobs[0].state as string;
  }

  /** Job id → state, for every job. */
  async states(): Promise<Record<string, string>> {
    const body = await this.must('GET', '/_ml/anomaly_detectors/_all/_stats', 'ml-get-job-stats');
    return Object.fromEntries(
      (body.jobs as { job_id: string; state: string }[]).map((entry) => [entry.job_id, entry.state]),
    );
  }

  /**
   * Polls job stats until the job is in `state`. It never decides by time: give `attempts` to bound it, or
   * let the test's own timeout do so. @default attempts: unbounded
   */
  async waitForState(id: string, state: string, attempts = Infinity): Promise<void> {
    let current = await this.state(id);
    for (let i = 1; current !== state; i++) {
      if (i >= attempts) throw new Error(`job [${id}] is ${current}, not ${state}, after ${attempts} reads`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      current = await this.state(id);
    }
  }

  /** Test control: an opening, opened or closing job becomes `failed`. */
  async failJob(id: string): Promise<void> {
    await this.must('POST', `${testJob(id)}/_fail`, 'test-control-fail-job');
  }

  /**
   * Test control: how the job behaves (`close_delay`, `open_delay`, `close_failure`, `hold_close`,
   * `hold_open`), as the spec's JobBehaviour.
   */
  async behaviour(id: string, behaviour: object): Promise<void> {
    await this.must('PUT', `${testJob(id)}/_behaviour`, 'test-control-job-behaviour', behaviour);
  }

  /** Test control: ends the job's holds; a held open or close finishes before this resolves. */
  async release(id: string): Promise<void> {
    await this.must('POST', `${testJob(id)}/_release`, 'test-control-release-job');
  }

  /** Test control: ML upgrade mode on or off. */
  async upgradeMode(enabled: boolean): Promise<void> {
    await this.must('PUT', '/_mlclose/test/upgrade_mode', 'test-control-upgrade-mode', { enabled });
  }

  /** Test control: stopping the datafeed fails (`refuse_stop`, `stop_failure_reason`). */
  async datafeedBehaviour(id: string, behaviour: object): Promise<void> {
    await this.must(
      'PUT',
      `/_mlclose/test/datafeeds/${encodeURIComponent(id)}/_behaviour`,
      'test-control-datafeed-behaviour',
      behaviour,
    );
  }

  /** Creates a datafeed for a job. @default indices ['logs'] */
  async putDatafeed(id: string, jobId: string, indices = ['logs']): Promise<void> {
    await this.must('PUT', datafeed(id), 'ml-put-datafeed', { job_id: jobId, indices });
  }

  /** The datafeed's state from datafeed stats. */
  async datafeedState(id: string): Promise<string> {
    const body = await this.must('GET', `${datafeed(id)}/_stats`, 'ml-get-datafeed-stats');
    return body.datafeeds[0].state as string;
  }
}

/** A reference server started for a test, with its driver. */
export class TestServer extends ServerDriver {
  constructor(
    private readonly server: RunningServer,
    driver: DriverOptions = {},
  ) {
    super(server.url, driver);
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.server.close();
  }
}

/**
 * Starts the reference server on 127.0.0.1 and a free port, with test control on, and returns a driver for
 * it. `options` are the server's own (`startServer`), over those defaults; `driver` sets the driver's.
 */
export async function startTestServer(
  options: ServerOptions = {},
  driver: DriverOptions = {},
): Promise<TestServer> {
  const server = await startServer({ host: '127.0.0.1', port: 0, testControl: true, ...options });
  return new TestServer(server, driver);
}
