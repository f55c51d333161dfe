import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import { CONVERTER_VERSION, LANGUAGES, mlcloseClientSample } from '../scripts/lib/samples.mjs';
import {
  CLOSE_JOB_PATH,
  documentedResponse,
  isCloseJob,
  loadExamples,
  operationFor,
  parseConsole,
} from '../scripts/lib/examples.mjs';
import { escapeHtml } from '../scripts/lib/site.mjs';
import { artifacts, dist, docsRoot, requireBuiltSite } from './support/paths.js';
import { builtSamples } from './support/samples-run.js';
import { mkdirSync, writeFileSync } from 'node:fs';

const bundled = spec as any;
const examplesFile = path.join(docsRoot, 'samples/examples.json');
const examples: any[] = loadExamples(examplesFile, bundled);

/** loadExamples on a file with these examples, so validation can be tried on bad input. */
function loadOnly(list: unknown[]) {
  const dir = path.join(artifacts, 'examples-validation');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'examples.json');
  writeFileSync(file, JSON.stringify({ examples: list }));
  return () => loadExamples(file, bundled);
}
const valid = examples.find((e) => e.primary);

describe('console requests', () => {
  it.each([
    {
      description: 'a request line with a query string',
      given: 'POST _ml/anomaly_detectors/a,sales-*/_close?force=true&timeout=30s',
      want: {
        method: 'POST',
        rawPath: '/_ml/anomaly_detectors/a,sales-*/_close',
        query: { force: 'true', timeout: '30s' },
      },
    },
    {
      description: 'a JSON body below the request line',
      given: 'PUT web-logs\n{\n  "mappings": {}\n}',
      want: { method: 'PUT', rawPath: '/web-logs', query: {}, body: { mappings: {} } },
    },
    {
      description: 'newline-delimited JSON below the request line (post data)',
      given: 'POST _ml/anomaly_detectors/x/_data\n{"t":1}\n{"t":2,"a":"b"}',
      want: {
        method: 'POST',
        rawPath: '/_ml/anomaly_detectors/x/_data',
        query: {},
        body: [{ t: 1 }, { t: 2, a: 'b' }],
        ndjson: '{"t":1}\n{"t":2,"a":"b"}\n',
      },
    },
  ])('parse $description', ({ given, want }) => {
    const parsed = parseConsole(given);
    expect({ ...parsed, query: Object.fromEntries(parsed.query), target: undefined }).toEqual({
      body: undefined,
      ...want,
      target: undefined,
    });
  });

  it.each([
    {
      description: 'a lower-case method',
      given: 'post _ml/anomaly_detectors/x/_close',
      want: /not a console request line/,
    },
    { description: 'a method console does not have', given: 'PATCH x', want: /not a console request line/ },
    { description: 'a body that is not JSON', given: 'PUT x\n{ nope', want: /is not JSON/ },
    {
      description: 'ndjson with a line that is not an object',
      given: 'POST x/_data\n{"t":1}\n[1]',
      want: /is not JSON/,
    },
  ])('rejects $description', ({ given, want }) => {
    expect(() => parseConsole(given)).toThrow(want);
  });

  it.each([
    { given: 'POST _ml/anomaly_detectors/x/_close', want: 'ml-close-job' },
    { given: 'PUT _ml/anomaly_detectors/x', want: 'ml-put-job' },
    { given: 'GET _ml/anomaly_detectors/x/_stats', want: 'ml-get-job-stats' },
    { given: 'PUT web-logs', want: 'indices-create' },
  ])('$given is the operation $want, the most literal path winning', ({ given, want }) => {
    expect(operationFor(bundled, parseConsole(given)).operation.operationId).toBe(want);
  });

  it('fails on a request no operation of the spec answers', () => {
    expect(() => operationFor(bundled, parseConsole('POST _ml/anomaly_detectors/x/_forecast'))).toThrow(
      /no operation of the spec answers POST/,
    );
  });
});

describe('the @mlclose/client sample (the one generator the converter cannot replace)', () => {
  it('passes query options typed and body options as they are, with the id decoded', () => {
    expect(
      mlcloseClientSample('POST _ml/anomaly_detectors/a%20b,sales-*/_close?allow_no_match=false&timeout=30s'),
    ).toContain(
      "const response = await client.ml.closeJob({\n  job_id: 'a b,sales-*',\n  allow_no_match: false,\n  timeout: '30s',\n});",
    );
    expect(mlcloseClientSample('POST _ml/anomaly_detectors/x/_close\n{"force": true}')).toContain(
      "  job_id: 'x',\n  force: true,\n});",
    );
  });

  it('rejects an option close-job does not have', () => {
    expect(() => mlcloseClientSample('POST _ml/anomaly_detectors/x/_close?forse=true')).toThrow(
      /unknown close-job option\(s\): forse/,
    );
  });
});

describe('examples.json', () => {
  it('names a response example of its operation in the spec for every example', () => {
    for (const example of examples) {
      const documented = documentedResponse(bundled, example);
      expect(documented.value, example.id).toBeDefined();
      expect(documented.status).toBe(example.response.status);
    }
  });

  it('fails on a response example the spec does not have', () => {
    expect(() =>
      documentedResponse(bundled, { ...valid, response: { status: 404, example: 'no-such-example' } }),
    ).toThrow(/has no example 'no-such-example'/);
  });

  it('rejects a close-job example with both query and body options, which Elasticsearch rejects (CJ-MODE-002)', () => {
    const both = { ...valid, request: 'POST _ml/anomaly_detectors/x/_close?force=true\n{"timeout": "1m"}' };
    expect(loadOnly([both])).toThrow(/mutually exclusive/);
  });

  it('rejects a job state the reference server cannot set up, and a second primary example', () => {
    expect(loadOnly([{ ...valid, setup: { jobs: [{ job_id: 'x', state: 'opening' }] } }])).toThrow(
      /job state/,
    );
    expect(loadOnly([valid, { ...valid, id: 'other' }])).toThrow(/exactly one example must be primary/);
    expect(
      loadOnly([{ ...valid, setup: { jobs: [{ job_id: 'x', state: 'closed', records: [{ t: 1 }] }] } }]),
    ).toThrow(/records are posted to an opened job/);
  });

  it('covers every kind of close expression the spec documents: id, group, list, wildcard and _all', () => {
    const ids = examples
      .filter((e) => isCloseJob(bundled, e))
      .map((e) => decodeURIComponent(parseConsole(e.request).rawPath.split('/')[3]!));
    expect(ids).toContain('low_request_rate');
    expect(ids).toContain('web');
    expect(ids).toContain('_all');
    expect(ids.some((id: string) => id.includes(',') && id.includes('*'))).toBe(true);
  });

  it('is a cookbook of the whole lifecycle: index, job, datafeed, open, data, flush, start, stats, stop, close, update, delete', () => {
    const operations = new Set(
      examples.map((e) => operationFor(bundled, parseConsole(e.request)).operation.operationId),
    );
    for (const id of [
      'indices-create',
      'ml-put-job',
      'ml-put-datafeed',
      'ml-open-job',
      'ml-start-datafeed',
      'ml-get-job-stats',
      'ml-stop-datafeed',
      'ml-close-job',
      'ml-info',
      'ml-get-datafeeds',
      'ml-post-data',
      'ml-flush-job',
      'ml-update-job',
      'ml-update-datafeed',
      'ml-delete-datafeed',
      'ml-delete-job',
    ]) {
      expect(operations, id).toContain(id);
    }
  });
});

describe('the built site', () => {
  const built = () => {
    requireBuiltSite();
    return JSON.parse(readFileSync(path.join(dist, 'openapi.json'), 'utf8'));
  };

  it('close-job carries the primary example in every language, Console first, written from its console text', () => {
    const samples = built().paths[CLOSE_JOB_PATH].post['x-codeSamples'];
    expect(samples.map((s: { label: string }) => s.label)).toEqual([
      'Console',
      'curl',
      'JavaScript',
      '@mlclose/client',
      'Python',
      'Ruby',
      'PHP',
    ]);
    const by = Object.fromEntries(samples.map((s: { label: string; source: string }) => [s.label, s.source]));
    expect(by.Console).toBe('POST _ml/anomaly_detectors/low_request_rate/_close');
    expect(by.curl).toBe(
      'curl -X POST -H "Authorization: ApiKey $ELASTIC_API_KEY" "$ELASTICSEARCH_URL/_ml/anomaly_detectors/low_request_rate/_close"',
    );
    expect(by.Python).toBe('resp = client.ml.close_job(\n    job_id="low_request_rate",\n)\nprint(resp)');
    expect(by.JavaScript).toContain('await client.ml.closeJob({\n  job_id: "low_request_rate",\n});');
    expect(by['@mlclose/client']).toContain("import { createClient } from '@mlclose/client';");
    expect(by.Ruby).toBe('response = client.ml.close_job(\n  job_id: "low_request_rate"\n)');
    expect(by.PHP).toContain('$resp = $client->ml()->closeJob([\n    "job_id" => "low_request_rate",\n]);');
  });

  it('every other operation of the cookbook shows its first example, without an @mlclose/client sample', () => {
    const doc = built();
    const seen = new Set<string>();
    for (const example of examples.filter((e) => !isCloseJob(bundled, e))) {
      const request = parseConsole(example.request);
      const { path: template } = operationFor(bundled, request);
      const key = `${request.method} ${template}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const samples = doc.paths[template][request.method.toLowerCase()]['x-codeSamples'];
      expect(
        samples.map((s: { label: string }) => s.label),
        key,
      ).toEqual(['Console', 'curl', 'JavaScript', 'Python', 'Ruby', 'PHP']);
      expect(samples[0].source).toBe(example.request);
    }
  });

  it('is otherwise the bundled spec: descriptions only gain links at the end', () => {
    const doc = built();
    const operations = (d: any) =>
      Object.values(d.paths).flatMap((item: any) => Object.values(item)) as { description?: string }[];
    operations(doc).forEach((op, i) => {
      expect(op.description?.startsWith(operations(bundled)[i]!.description ?? '')).toBe(true);
    });
    const strip = (d: any) => {
      const copy = structuredClone(d);
      delete copy['x-generated'];
      for (const op of operations(copy) as any[]) {
        delete op['x-codeSamples'];
        delete op.description;
      }
      return copy;
    };
    expect(strip(doc)).toEqual(strip(bundled));
  });

  it('links each operation to the catalogue entries it cites', () => {
    const doc = built();
    for (const id of bundled.paths[CLOSE_JOB_PATH].post['x-requirements']) {
      expect(doc.paths[CLOSE_JOB_PATH].post.description).toContain(`[${id}](requirements.html#${id})`);
    }
  });

  it('the examples page shows every sample the tests run, and names the converter version', () => {
    requireBuiltSite();
    const page = readFileSync(path.join(dist, 'examples.html'), 'utf8');
    const samples = builtSamples();
    expect(samples.size).toBe(examples.length);
    for (const example of examples) {
      const sources = samples.get(example.id)!;
      const want = LANGUAGES.filter((l) => !l.closeJobOnly || isCloseJob(bundled, example)).map((l) => l.id);
      expect(Object.keys(sources), example.id).toEqual(want);
      for (const source of Object.values(sources)) expect(page).toContain(escapeHtml(source));
    }
    expect(page).toContain(`<code>@elastic/request-converter</code> ${CONVERTER_VERSION}`);
    expect(CONVERTER_VERSION).toBe('9.5.0');
  });
});
