// The supporting operations' paths come from the bundled spec by operationId, with percent-encoded parameters.
import { listOperations } from '@mlclose/schema/spec';
import { describe, expect, it } from 'vitest';
import { matchOperation, operation, type OperationId } from '../src/operations.js';

interface Case {
  operationId: OperationId;
  params: Record<string, string>;
  query?: string | Record<string, string | boolean>;
  want: { method: string; path: string };
}

describe('operation', () => {
  it.each<Case>([
    { operationId: 'info', params: {}, query: undefined, want: { method: 'GET', path: '/' } },
    {
      operationId: 'ml-put-job',
      params: { job_id: 'a b/c' },
      want: { method: 'PUT', path: '/_ml/anomaly_detectors/a%20b%2Fc' },
    },
    {
      operationId: 'ml-get-job-stats',
      params: { job_id: 'mlc-x-*,b' },
      query: 'allow_no_match=true',
      want: { method: 'GET', path: '/_ml/anomaly_detectors/mlc-x-*,b/_stats?allow_no_match=true' },
    },
    {
      operationId: 'ml-delete-datafeed',
      params: { datafeed_id: 'd?1' },
      query: { force: true },
      want: { method: 'DELETE', path: '/_ml/datafeeds/d%3F1?force=true' },
    },
    {
      operationId: 'indices-create',
      params: { index: 'idx' },
      query: '',
      want: { method: 'PUT', path: '/idx' },
    },
    {
      operationId: 'test-control-upgrade-mode',
      params: {},
      want: { method: 'PUT', path: '/_mlclose/test/upgrade_mode' },
    },
  ])('$operationId → $want.method $want.path', ({ operationId, params, query, want }) => {
    expect(operation(operationId, params, query)).toEqual(want);
  });

  it('follows the spec for every operation', () => {
    for (const { method, path, operation: op } of listOperations()) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((name) => [name, `v-${name}`]));
      expect(operation(op.operationId as OperationId, params)).toEqual({
        method: method.toUpperCase(),
        path: path.replace(/\{([^}]+)\}/g, (_m, name: string) => `v-${name}`),
      });
    }
  });

  it('refuses a missing or an unknown parameter', () => {
    expect(() => operation('ml-open-job')).toThrow(/no value for \{job_id\}/);
    expect(() => operation('ml-open-job', { job_id: 'a', datafeed_id: 'b' })).toThrow(/no \{datafeed_id\}/);
  });
});

describe('matchOperation', () => {
  it.each<{
    description: string;
    operationId: OperationId;
    request: { method: string; path: string };
    want: unknown;
  }>([
    {
      description: 'decodes the path parameter',
      operationId: 'ml-put-job',
      request: { method: 'PUT', path: '/_ml/anomaly_detectors/a%20b%2Fc' },
      want: { job_id: 'a b/c' },
    },
    {
      description: 'ignores the query',
      operationId: 'ml-put-job',
      request: { method: 'PUT', path: '/_ml/anomaly_detectors/j?error_trace=true' },
      want: { job_id: 'j' },
    },
    {
      description: 'takes the method case-insensitively',
      operationId: 'ml-put-datafeed',
      request: { method: 'put', path: '/_ml/datafeeds/d-1' },
      want: { datafeed_id: 'd-1' },
    },
    {
      description: 'another method is another operation',
      operationId: 'ml-put-job',
      request: { method: 'GET', path: '/_ml/anomaly_detectors/j' },
      want: undefined,
    },
    {
      description: 'a longer path is another operation',
      operationId: 'ml-put-job',
      request: { method: 'PUT', path: '/_ml/anomaly_detectors/j/_update' },
      want: undefined,
    },
    {
      description: 'an empty parameter does not match',
      operationId: 'ml-put-job',
      request: { method: 'PUT', path: '/_ml/anomaly_detectors/' },
      want: undefined,
    },
    {
      description: 'the static part matches literally',
      operationId: 'info',
      request: { method: 'GET', path: '/?pretty' },
      want: {},
    },
  ])('$description', ({ operationId, request, want }) => {
    expect(matchOperation(operationId, request)).toEqual(want);
  });

  it('reads back every path that operation() builds', () => {
    for (const { path, operation: op } of listOperations()) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((name) => [name, `v ${name}/%*`]));
      const id = op.operationId as OperationId;
      expect(matchOperation(id, operation(id, params, { a: 'b' }))).toEqual(params);
    }
  });

  it('throws on a parameter that is not valid percent-encoding', () => {
    expect(() =>
      matchOperation('ml-put-job', { method: 'PUT', path: '/_ml/anomaly_detectors/%E0%A4%A' }),
    ).toThrow(URIError);
  });
});
