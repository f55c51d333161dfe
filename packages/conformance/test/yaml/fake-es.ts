// A tiny fake Elasticsearch for the YAML runner's tests: GET / info, empty ML listings (so the target counts as
// empty), and a few "thing" APIs described by ./fixtures/api. Numbers are written as raw JSON text so a response
// can hold 42.0 and 2^53+1. Every request is kept for assertions.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeEs {
  url: string;
  seen: SeenRequest[];
  /** Jobs the ML listing reports (to make the target non-empty). */
  jobs: string[];
  /**
   * Indices GET /_cluster/health?level=indices lists (and DELETE /{index} removes); undefined: no such API, as
   * before (the wipe falls back to the indices a test named).
   */
  indices: string[] | undefined;
  /** What GET /_cluster/settings answers; undefined: no such API (the wipe clears what the test set). */
  settings: Record<string, unknown> | undefined;
  close(): Promise<void>;
}

const INFO = JSON.stringify({
  name: 'fake',
  cluster_name: 'fake',
  cluster_uuid: 'AAAAAAAAAAAAAAAAAAAAAA',
  version: {
    number: '8.15.0',
    build_flavor: 'default',
    build_type: 'tar',
    build_hash: '0000000000000000000000000000000000000000',
    build_date: '2026-01-01T00:00:00.000Z',
    build_snapshot: false,
    lucene_version: '9.11.1',
    minimum_wire_compatibility_version: '7.17.0',
    minimum_index_compatibility_version: '7.0.0',
  },
  tagline: 'You Know, for Search',
});

export async function startFakeEs(): Promise<FakeEs> {
  const things = new Map<string, string>();
  const seen: SeenRequest[] = [];
  const state = {
    jobs: [] as string[],
    indices: undefined as string[] | undefined,
    settings: undefined as Record<string, unknown> | undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (status: number, text: string, headers: Record<string, string | string[]> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(req.method === 'HEAD' ? undefined : text);
      };
      const error = (status: number, type: string, reason: string) =>
        send(status, JSON.stringify({ error: { root_cause: [{ type, reason }], type, reason }, status }));
      const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
      if (url.pathname === '/') return send(200, INFO);
      if (url.pathname === '/_ml/anomaly_detectors/_all/_stats')
        return send(
          200,
          JSON.stringify({ count: state.jobs.length, jobs: state.jobs.map((job_id) => ({ job_id })) }),
        );
      if (url.pathname === '/_ml/datafeeds/_all/_stats') return send(200, '{"count":0,"datafeeds":[]}');
      if (url.pathname === '/_cluster/health' && url.searchParams.get('level') === 'indices' && state.indices)
        return send(
          200,
          JSON.stringify({ status: 'green', indices: Object.fromEntries(state.indices.map((i) => [i, {}])) }),
        );
      if (url.pathname === '/_cluster/settings' && req.method === 'GET' && state.settings)
        return send(200, JSON.stringify(state.settings));
      if (url.pathname === '/_cluster/settings' && req.method === 'PUT')
        return send(200, `{"acknowledged":true,"persistent":{},"transient":{}}`);
      if (req.method === 'DELETE' && parts.length === 1 && state.indices?.includes(parts[0]!)) {
        state.indices = state.indices.filter((i) => i !== parts[0]);
        return send(200, '{"acknowledged":true}');
      }
      if (parts[0] === 'things' && parts[1] !== undefined) {
        const id = parts[1];
        if (req.method === 'PUT') {
          things.set(id, body);
          return send(201, `{"result":"created","_id":${JSON.stringify(id)},"_version":1}`);
        }
        if (req.method === 'DELETE') {
          if (!things.delete(id)) return error(404, 'resource_not_found_exception', `thing [${id}] missing`);
          return send(200, '{"acknowledged":true}');
        }
        const stored = things.get(id);
        if (stored === undefined) return error(404, 'resource_not_found_exception', `thing [${id}] missing`);
        if (req.method === 'HEAD') return send(200, '');
        return send(
          200,
          `{"_id":${JSON.stringify(id)},"found":true,"_source":${stored},"int":42,"double":42.0,"half":0.5,"long":3000000000,"big":9007199254740993,"zero":0,"zero_double":0.0,"text":"false","empty":"","list":[1,"two",{"three":3}],"jobs":[{"job_id":"a","state":"opened"},{"job_id":"b","state":"closed"}],"dotted":{"a.b":"dot"},"map":{}}`,
        );
      }
      if (url.pathname === '/_fake_bulk')
        return send(
          200,
          JSON.stringify({
            lines: body.split('\n').filter(Boolean).length,
            content_type: req.headers['content-type'] ?? null,
            ends_with_newline: body.endsWith('\n'),
          }),
        );
      if (parts[0] === '_status') {
        const status = Number(parts[1]);
        return error(status, 'status_exception', `asked for ${status}`);
      }
      if (url.pathname === '/_warn') {
        const warnings = url.searchParams.getAll('w').map((w) => `299 Elasticsearch-8.15.0-abcdef1 "${w}"`);
        return send(200, '{"warned":true}', warnings.length > 0 ? { warning: warnings } : {});
      }
      if (parts[0] === '_echo')
        return send(
          200,
          JSON.stringify({
            query: Object.fromEntries(url.searchParams),
            path: url.pathname,
            method: req.method,
            header: req.headers['x-test'] ?? null,
            authorization: req.headers.authorization ?? null,
            body: body === '' ? null : body,
          }),
        );
      return error(
        400,
        'illegal_argument_exception',
        `no handler found for uri [${req.url}] and method [${req.method}]`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    get jobs() {
      return state.jobs;
    },
    set jobs(value: string[]) {
      state.jobs = value;
    },
    get indices() {
      return state.indices;
    },
    set indices(value: string[] | undefined) {
      state.indices = value;
    },
    get settings() {
      return state.settings;
    },
    set settings(value: Record<string, unknown> | undefined) {
      state.settings = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
