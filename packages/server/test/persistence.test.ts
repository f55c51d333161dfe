// Persistence through startServer({ dataDir }): a restart on the same directory keeps jobs, groups, states,
// datafeeds and indices; without dataDir nothing is kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../src/testing.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('jobs, states, datafeeds and indices survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlclose-persist-'));
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir });
    await first.putJob('kept', ['grp']);
    await first.putJob('open-one');
    await first.openJob('open-one');
    await first.request('PUT', '/logs', { op: 'indices-create' });
    await first.putDatafeed('df', 'open-one');
    expect(
      (await first.request('POST', '/_ml/datafeeds/df/_start', { op: 'ml-start-datafeed' })).status,
    ).toBe(200);
    const uuid = (await first.request('GET', '/', { op: 'info' })).json.cluster_uuid;
    await first.close();

    const second = await startTestServer({ dataDir });
    try {
      expect(await second.states()).toEqual({ kept: 'closed', 'open-one': 'opened' });
      expect((await second.request('GET', '/', { op: 'info' })).json.cluster_uuid).toBe(uuid);
      expect(await second.datafeedState('df')).toBe('started');
      expect(
        (await second.request('GET', '/_ml/anomaly_detectors/grp', { op: 'ml-get-jobs' })).json.count,
      ).toBe(1);
      expect((await second.request('PUT', '/logs', { op: 'indices-create' })).status).toBe(400);
      // Closing after the restart works and is itself persisted.
      expect(
        (await second.request('POST', '/_ml/anomaly_detectors/_all/_close', { op: 'ml-close-job' })).status,
      ).toBe(200);
      expect(await second.datafeedState('df')).toBe('stopped');
    } finally {
      await second.close();
    }
    const third = await startTestServer({ dataDir });
    try {
      expect(await third.states()).toEqual({ kept: 'closed', 'open-one': 'closed' });
      await third.reset();
      expect(await third.states()).toEqual({});
    } finally {
      await third.close();
    }
  });

  it('without dataDir nothing survives', async () => {
    const first = await startTestServer();
    await first.putJob('gone');
    await first.close();
    const second = await startTestServer();
    try {
      expect(await second.states()).toEqual({});
    } finally {
      await second.close();
    }
  });

  it('HEAD / answers 200 without a body', async () => {
    const server = await startTestServer();
    try {
      const response = await server.request('HEAD', '/');
      expect(response.status).toBe(200);
      expect(response.text).toBe('');
      expect(response.headers.get('x-elastic-product')).toBe('Elasticsearch');
    } finally {
      await server.close();
    }
  });
});
