import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import {
  closePath,
  codeSamplesFor,
  consoleSample,
  curlSample,
  javascriptSample,
  LANGUAGES,
  phpSample,
  pythonSample,
  queryString,
  rubySample,
  samplesFor,
} from '../scripts/lib/samples.mjs';
import { documentedResponse, loadExamples, CLOSE_JOB_PATH } from '../scripts/lib/examples.mjs';
import { dist, docsRoot, requireBuiltSite } from './support/paths.js';

const bundled = spec as any;
const examples = loadExamples(path.join(docsRoot, 'samples/examples.json'), bundled);

const one = { id: 'one', job_id: 'low_request_rate' };
const forced = { id: 'forced', job_id: 'low_request_rate', query: { force: true, timeout: '5m' } };
const body = { id: 'body', job_id: 'low_request_rate', body: { timeout: '5m' } };
const listed = { id: 'list', job_id: 'a,sales-*', query: { allow_no_match: false } };

describe('sample generators', () => {
  it.each([
    {
      description: 'one id, no options',
      given: one,
      want: 'POST _ml/anomaly_detectors/low_request_rate/_close',
    },
    {
      description: 'query options in a fixed order',
      given: forced,
      want: 'POST _ml/anomaly_detectors/low_request_rate/_close?force=true&timeout=5m',
    },
    {
      description: 'a body below the request line',
      given: body,
      want: 'POST _ml/anomaly_detectors/low_request_rate/_close\n{\n  "timeout": "5m"\n}',
    },
  ])('console: $description', ({ given, want }) => {
    expect(consoleSample(given)).toBe(want);
  });

  it.each([
    {
      description: 'Elastic-style call with the API key header',
      given: one,
      want: 'curl -X POST -H "Authorization: ApiKey $ELASTIC_API_KEY" "$ELASTICSEARCH_URL/_ml/anomaly_detectors/low_request_rate/_close"',
    },
    {
      description: 'a JSON body with its Content-Type',
      given: body,
      want: `curl -X POST -H "Authorization: ApiKey $ELASTIC_API_KEY" -H "Content-Type: application/json" -d '{"timeout":"5m"}' "$ELASTICSEARCH_URL/_ml/anomaly_detectors/low_request_rate/_close"`,
    },
    {
      description: 'a list keeps commas and stars readable',
      given: listed,
      want: 'curl -X POST -H "Authorization: ApiKey $ELASTIC_API_KEY" "$ELASTICSEARCH_URL/_ml/anomaly_detectors/a,sales-*/_close?allow_no_match=false"',
    },
  ])('curl: $description', ({ given, want }) => {
    expect(curlSample(given)).toBe(want);
  });

  it('percent-encodes each token of the path but not the separators', () => {
    expect(closePath('a b,c/d,x*')).toBe('/_ml/anomaly_detectors/a%20b,c%2Fd,x*/_close');
    expect(queryString({ query: { timeout: '30 m' } })).toBe('?timeout=30%20m');
  });

  it('client samples pass the options whatever their wire form', () => {
    expect(javascriptSample(forced)).toContain(
      "  job_id: 'low_request_rate',\n  force: true,\n  timeout: '5m',\n});",
    );
    expect(javascriptSample(body)).toContain("  timeout: '5m',");
    expect(pythonSample(forced)).toBe(
      'resp = client.ml.close_job(\n    job_id="low_request_rate",\n    force=True,\n    timeout="5m",\n)\nprint(resp)',
    );
  });

  it('Ruby and PHP send a body example as body and a query example as arguments', () => {
    expect(rubySample(body)).toContain('body: { "timeout": "5m" }');
    expect(rubySample(forced)).toContain('  force: true,\n  timeout: "5m"\n)');
    expect(phpSample(body)).toContain('"body" => [\n        "timeout" => "5m",\n    ],');
    expect(phpSample(forced)).toContain('    "force" => true,');
  });

  it('rejects an example with both query and body options, which Elasticsearch rejects (CJ-MODE-002)', () => {
    expect(() =>
      curlSample({ id: 'x', job_id: 'j', query: { force: true }, body: { timeout: '1m' } }),
    ).toThrow(/mutually exclusive/);
  });

  it('rejects an option close-job does not have', () => {
    expect(() => consoleSample({ id: 'x', job_id: 'j', query: { forse: true } })).toThrow(
      /unknown close-job option/,
    );
  });

  it('gives every example one sample per language, in the documented order', () => {
    for (const example of examples) {
      expect(samplesFor(example).map((s: { id: string }) => s.id)).toEqual(LANGUAGES.map((l) => l.id));
    }
  });
});

describe('examples.json', () => {
  it('names a response example of the spec for every example', () => {
    for (const example of examples) {
      const documented = documentedResponse(bundled, example);
      expect(documented.value, example.id).toBeDefined();
      expect(documented.status).toBe(example.response.status);
    }
  });

  it('fails on a response example the spec does not have', () => {
    expect(() =>
      documentedResponse(bundled, {
        id: 'x',
        job_id: 'j',
        response: { status: 404, example: 'no-such-example' },
      }),
    ).toThrow(/has no example 'no-such-example'/);
  });

  it('covers every kind of expression the spec documents: id, group, list, wildcard and _all', () => {
    const ids = examples.map((e: { job_id: string }) => e.job_id);
    expect(ids).toContain('low_request_rate');
    expect(ids).toContain('web');
    expect(ids).toContain('_all');
    expect(ids.some((id: string) => id.includes(',') && id.includes('*'))).toBe(true);
  });
});

describe('the built spec copy', () => {
  it('carries the generated x-codeSamples of the primary example, and is otherwise the bundled spec', () => {
    requireBuiltSite();
    const built = JSON.parse(readFileSync(path.join(dist, 'openapi.json'), 'utf8'));
    const primary = examples.find((e: { primary?: boolean }) => e.primary);
    expect(built.paths[CLOSE_JOB_PATH].post['x-codeSamples']).toEqual(codeSamplesFor(primary));
    expect(built.paths[CLOSE_JOB_PATH].post['x-codeSamples'].map((s: { label: string }) => s.label)).toEqual([
      'Console',
      'curl',
      'JavaScript',
      'Python',
      'Ruby',
      'PHP',
    ]);
    // Descriptions only gain text at the end (links to the examples page and the catalogue).
    const operations = (doc: any) =>
      Object.values(doc.paths).flatMap((item: any) => Object.values(item)) as { description?: string }[];
    operations(built).forEach((op, i) => {
      expect(op.description?.startsWith(operations(bundled)[i]!.description ?? '')).toBe(true);
    });
    const strip = (doc: any) => {
      const copy = structuredClone(doc);
      delete copy['x-generated'];
      delete copy.paths[CLOSE_JOB_PATH].post['x-codeSamples'];
      for (const op of operations(copy)) delete op.description;
      return copy;
    };
    expect(strip(built)).toEqual(strip(bundled));
  });

  it('links each operation to the catalogue entries it cites', () => {
    requireBuiltSite();
    const built = JSON.parse(readFileSync(path.join(dist, 'openapi.json'), 'utf8'));
    for (const id of bundled.paths[CLOSE_JOB_PATH].post['x-requirements']) {
      expect(built.paths[CLOSE_JOB_PATH].post.description).toContain(`[${id}](requirements.html#${id})`);
    }
  });
});
