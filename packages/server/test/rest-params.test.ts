// RestParams: path and query parameters with Elasticsearch's "consumed" bookkeeping (CJ-PARAM-001, CJ-PARAM-007).
import { describe, expect, it } from 'vitest';
import { RestParams } from '../src/http/rest-params.js';

const RAW_PATH = '/_ml/anomaly_detectors/j%31/_close';

function params(query: Record<string, string>, path: Record<string, string> = { job_id: 'j1' }): RestParams {
  return new RestParams(new Map(Object.entries(query)), Object.keys(path), Object.values(path), RAW_PATH);
}

function unrecognized(p: RestParams): string | undefined {
  try {
    p.assertAllConsumed();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('RestParams', () => {
  it('a path parameter wins over a query parameter of the same name', () => {
    const p = params({ job_id: 'other', force: 'true' });
    expect(p.has('job_id')).toBe(true);
    expect(p.get('job_id')).toBe('j1');
    expect(p.get('force')).toBe('true');
    expect(unrecognized(p)).toBeUndefined();
  });

  it('has() looks in both and consumes nothing; get() consumes, even an absent name', () => {
    const p = params({ force: 'true' });
    expect([p.has('job_id'), p.has('force'), p.has('timeout')]).toEqual([true, true, false]);
    expect(p.get('timeout')).toBeUndefined();
    expect(unrecognized(p)).toMatch(/unrecognized parameters: \[force\], \[job_id\]$/u);
  });

  it('names every unread parameter once, sorted, under the decoded path; the response parameters count as read', () => {
    const p = params({ job_id: 'other', zeta: '1', alpha: '2', pretty: '', filter_path: 'x' });
    expect(unrecognized(p)).toBe(
      'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameters: [alpha], [job_id], [zeta]',
    );
  });

  it('remembers every name read, the fifth too, as a did-you-mean candidate', () => {
    const p = params({ alowed: '1' }, {});
    for (const name of ['a1', 'a2', 'a3', 'a4', 'allowed']) expect(p.get(name)).toBeUndefined();
    expect(unrecognized(p)).toMatch(/\[alowed\] -> did you mean \[allowed\]\?$/u);
  });

  it('a path without parameters reads the query alone', () => {
    const p = params({ timeout: '1s' }, {});
    expect(p.has('job_id')).toBe(false);
    expect(p.get('timeout')).toBe('1s');
    expect(unrecognized(p)).toBeUndefined();
  });
});
