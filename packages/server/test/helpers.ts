// Shared test helpers: a real server on 127.0.0.1 port 0 and a request function that validates every
// response against the spec with @mlclose/schema/validators.
import { expect } from 'vitest';
import { validateResponse } from '@mlclose/schema/validators';
import { startServer, type RunningServer, type ServerOptions } from '../src/index.js';

export interface Response {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface RequestInit {
  body?: string | object;
  headers?: Record<string, string>;
  /** The spec operation to validate against; omit only for paths the spec does not describe. */
  op?: string;
}

export class TestServer {
  private constructor(
    readonly server: RunningServer,
    readonly url: string,
  ) {}

  static async start(options: ServerOptions = {}): Promise<TestServer> {
    const server = await startServer({
      port: 0,
      testControl: true,
      closeDelayMs: 20,
      openDelayMs: 5,
      ...options,
    });
    return new TestServer(server, server.url);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  async request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
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
      const result = validateResponse(init.op, response.status, json);
      expect(result.errors, `${method} ${path} → ${response.status} ${text}`).toEqual([]);
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  /** Test control: reset everything. */
  async reset(): Promise<void> {
    const response = await this.request('POST', '/_mlclose/test/_reset', { op: 'test-control-reset' });
    expect(response.status).toBe(200);
  }

  async putJob(id: string, groups: string[] = []): Promise<void> {
    const response = await this.request('PUT', `/_ml/anomaly_detectors/${id}`, {
      op: 'ml-put-job',
      body: {
        ...(groups.length > 0 ? { groups } : {}),
        analysis_config: { bucket_span: '15m', detectors: [{ function: 'count' }] },
        data_description: { time_field: 'timestamp' },
      },
    });
    expect(response.status, response.text).toBe(200);
  }

  async openJob(id: string): Promise<void> {
    const response = await this.request('POST', `/_ml/anomaly_detectors/${id}/_open`, { op: 'ml-open-job' });
    expect(response.status, response.text).toBe(200);
  }

  async state(id: string): Promise<string> {
    const response = await this.request('GET', `/_ml/anomaly_detectors/${id}/_stats`, {
      op: 'ml-get-job-stats',
    });
    expect(response.status, response.text).toBe(200);
    return response.json.jobs[0].state as string;
  }

  async states(): Promise<Record<string, string>> {
    const response = await this.request('GET', '/_ml/anomaly_detectors/_all/_stats', {
      op: 'ml-get-job-stats',
    });
    return Object.fromEntries(
      (response.json.jobs as { job_id: string; state: string }[]).map((job) => [job.job_id, job.state]),
    );
  }

  async failJob(id: string): Promise<void> {
    const response = await this.request('POST', `/_mlclose/test/anomaly_detectors/${id}/_fail`, {
      op: 'test-control-fail-job',
    });
    expect(response.status, response.text).toBe(200);
  }

  async behaviour(id: string, body: object): Promise<void> {
    const response = await this.request('PUT', `/_mlclose/test/anomaly_detectors/${id}/_behaviour`, {
      op: 'test-control-job-behaviour',
      body,
    });
    expect(response.status, response.text).toBe(200);
  }

  async putDatafeed(id: string, jobId: string, indices = ['logs']): Promise<void> {
    const response = await this.request('PUT', `/_ml/datafeeds/${id}`, {
      op: 'ml-put-datafeed',
      body: { job_id: jobId, indices },
    });
    expect(response.status, response.text).toBe(200);
  }

  async datafeedState(id: string): Promise<string> {
    const response = await this.request('GET', `/_ml/datafeeds/${id}/_stats`, {
      op: 'ml-get-datafeed-stats',
    });
    expect(response.status, response.text).toBe(200);
    return response.json.datafeeds[0].state as string;
  }

  /** Polls job stats until the state is reached (bounded; never asserts timing). */
  async waitForState(id: string, state: string, attempts = 200): Promise<void> {
    for (let i = 0; i < attempts; i++) {
      if ((await this.state(id)) === state) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await this.state(id)).toBe(state);
  }
}

/** The detailed-envelope type and reason of an error response. */
export function errorOf(response: Response): { status: number; type: string; reason: string } {
  return { status: response.status, type: response.json?.error?.type, reason: response.json?.error?.reason };
}

export const CLOSE = (expression: string, query = ''): string =>
  `/_ml/anomaly_detectors/${expression}/_close${query}`;

/** A request through node:http, for what fetch cannot send (a body without Content-Type, HEAD bodies). */
export async function rawRequest(
  url: string,
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(
      url + path,
      { method, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}
