// One test per job state transition (each block names its requirements, CJ-…), over real HTTP with test
// control.
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestServer } from './use-test-server.js';
import { closePath, errorOf } from '../src/testing.js';

const op = 'ml-close-job';
const server = useTestServer(async (started) => {
  await started.putJob('j1');
});

async function statsOf(id: string): Promise<Record<string, unknown>> {
  const response = await server.request('GET', `/_ml/anomaly_detectors/${id}/_stats`, {
    op: 'ml-get-job-stats',
  });
  return response.json.jobs[0] as Record<string, unknown>;
}

// CJ-STATE-001, CJ-STATE-002, CJ-STATE-003, CJ-STATE-004, CJ-STATE-005, CJ-STATE-006, CJ-STATE-007,
// CJ-STATE-008, CJ-STATE-009, CJ-STATE-010, CJ-STATE-011, CJ-FORCE-001, CJ-FORCE-002, CJ-FORCE-003,
// CJ-FORCE-004
describe('state transitions', () => {
  it('a new job is closed, with no node and no open_time', async () => {
    const stats = await statsOf('j1');
    expect(stats.state).toBe('closed');
    expect(stats.node).toBeUndefined();
    expect(stats.open_time).toBeUndefined();
  });

  it('closed → opening → opened: open waits until the job is opened', async () => {
    await server.behaviour('j1', { hold_open: true });
    let answered = false;
    const opening = server
      .request('POST', '/_ml/anomaly_detectors/j1/_open', { op: 'ml-open-job' })
      .finally(() => (answered = true));
    await server.waitForState('j1', 'opening');
    const stats = await statsOf('j1');
    expect(stats.node).toBeDefined();
    expect(answered).toBe(false);
    await server.release('j1');
    const response = await opening;
    expect(response.status).toBe(200);
    expect(response.json.opened).toBe(true);
    expect(await server.state('j1')).toBe('opened');
  });

  it('opened → closing → closed: a normal close answers once the job is closed', async () => {
    await server.openJob('j1');
    await server.behaviour('j1', { hold_close: true });
    let answered = false;
    const closing = server.request('POST', closePath('j1'), { op }).finally(() => (answered = true));
    await server.waitForState('j1', 'closing');
    expect((await statsOf('j1')).node).toBeDefined();
    expect(answered).toBe(false);
    await server.release('j1');
    const response = await closing;
    expect(response.json).toEqual({ closed: true });
    const stats = await statsOf('j1');
    expect(stats.state).toBe('closed');
    expect(stats.node).toBeUndefined();
    expect(stats.open_time).toBeUndefined();
  });

  it('opened → closed with force: the task is removed without waiting for a held node', async () => {
    await server.openJob('j1');
    await server.behaviour('j1', { hold_close: true });
    const response = await server.request('POST', closePath('j1', '?force=true'), { op });
    expect(response.json).toEqual({ closed: true });
    expect(await server.state('j1')).toBe('closed');
  });

  it('opening → closed: a normal close of an opening job removes its task', async () => {
    await server.behaviour('j1', { hold_open: true });
    const opening = server.request('POST', '/_ml/anomaly_detectors/j1/_open', { op: 'ml-open-job' });
    await server.waitForState('j1', 'opening');
    const response = await server.request('POST', closePath('j1'), { op });
    expect(response.json).toEqual({ closed: true });
    expect(await server.state('j1')).toBe('closed');
    const opened = await opening;
    expect(errorOf(opened)).toEqual({
      status: 409,
      type: 'status_exception',
      reason: 'The job has been closed while waiting to be opened',
    });
  });

  it('opening → closed with force', async () => {
    await server.behaviour('j1', { hold_open: true });
    const opening = server.request('POST', '/_ml/anomaly_detectors/j1/_open', { op: 'ml-open-job' });
    await server.waitForState('j1', 'opening');
    expect((await server.request('POST', closePath('j1', '?force'), { op })).status).toBe(200);
    expect(await server.state('j1')).toBe('closed');
    expect((await opening).status).toBe(409);
  });

  it('closing → closed with force: the waiting normal close also answers 200', async () => {
    await server.openJob('j1');
    await server.behaviour('j1', { hold_close: true });
    const normal = server.request('POST', closePath('j1'), { op });
    await server.waitForState('j1', 'closing');
    const forced = await server.request('POST', closePath('j1', '?force=true'), { op });
    expect(forced.json).toEqual({ closed: true });
    expect((await normal).json).toEqual({ closed: true });
    expect(await server.state('j1')).toBe('closed');
  });

  it('closing: a second normal close waits for the first and answers when the node finishes', async () => {
    await server.openJob('j1');
    await server.behaviour('j1', { hold_close: true });
    const first = server.request('POST', closePath('j1'), { op });
    await server.waitForState('j1', 'closing');
    let answered = false;
    const second = server.request('POST', closePath('j1'), { op }).finally(() => (answered = true));
    expect(await server.state('j1')).toBe('closing');
    expect(answered).toBe(false);
    await server.release('j1');
    expect((await second).json).toEqual({ closed: true });
    expect(await server.state('j1')).toBe('closed');
    expect((await first).json).toEqual({ closed: true });
  });

  it('closing: a second close with a short timeout times out while the first goes on', async () => {
    await server.openJob('j1');
    await server.behaviour('j1', { hold_close: true });
    const first = server.request('POST', closePath('j1'), { op });
    await server.waitForState('j1', 'closing');
    const second = await server.request('POST', closePath('j1', '?timeout=1ms'), { op });
    expect(errorOf(second).reason).toBe('Timed out when waiting for persistent tasks after 1ms');
    expect(await server.state('j1')).toBe('closing');
    await server.release('j1');
    expect((await first).status).toBe(200);
  });

  it('opened → failed (test control) keeps the task: stats still show the node', async () => {
    await server.openJob('j1');
    await server.failJob('j1');
    const stats = await statsOf('j1');
    expect(stats.state).toBe('failed');
    expect(stats.node).toBeDefined();
  });

  it('failed → closed only with force', async () => {
    await server.openJob('j1');
    await server.failJob('j1');
    expect((await server.request('POST', closePath('j1'), { op })).status).toBe(409);
    expect(await server.state('j1')).toBe('failed');
    expect((await server.request('POST', closePath('j1', '?force=true'), { op })).status).toBe(200);
    expect(await server.state('j1')).toBe('closed');
  });

  it('opened → failed when the node fails to close the process', async () => {
    await server.openJob('j1');
    await server.behaviour('j1', { close_failure: true });
    expect((await server.request('POST', closePath('j1'), { op })).status).toBe(500);
    expect(await server.state('j1')).toBe('failed');
  });

  it('closed → closed: closing a closed job is a no-op', async () => {
    const response = await server.request('POST', closePath('j1'), { op });
    expect(response.json).toEqual({ closed: true });
    expect(await server.state('j1')).toBe('closed');
  });

  it('closed → opened again after a close', async () => {
    await server.openJob('j1');
    await server.request('POST', closePath('j1'), { op });
    await server.openJob('j1');
    expect(await server.state('j1')).toBe('opened');
  });

  it('opening a failed job is a 409', async () => {
    await server.openJob('j1');
    await server.failJob('j1');
    const response = await server.request('POST', '/_ml/anomaly_detectors/j1/_open', { op: 'ml-open-job' });
    expect(response.status).toBe(409);
  });

  it('opening an opened job answers opened again', async () => {
    await server.openJob('j1');
    await server.openJob('j1');
    expect(await server.state('j1')).toBe('opened');
  });

  it('_fail on a closed job is 409 and on an unknown job 404', async () => {
    const closed = await server.request('POST', '/_mlclose/test/anomaly_detectors/j1/_fail', {
      op: 'test-control-fail-job',
    });
    expect(closed.status).toBe(409);
    const unknown = await server.request('POST', '/_mlclose/test/anomaly_detectors/nope/_fail', {
      op: 'test-control-fail-job',
    });
    expect(errorOf(unknown)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: "No known job with id 'nope'",
    });
  });
});

// CJ-DATAFEED-001, CJ-DATAFEED-002, CJ-DATAFEED-003, CJ-DATAFEED-004, CJ-DATAFEED-005
describe('datafeeds during close', () => {
  beforeEach(async () => {
    await server.request('PUT', '/logs', { op: 'indices-create' });
    await server.openJob('j1');
    await server.putDatafeed('df1', 'j1');
    expect(
      (await server.request('POST', '/_ml/datafeeds/df1/_start', { op: 'ml-start-datafeed' })).status,
    ).toBe(200);
  });

  it('a normal close stops the started datafeed first', async () => {
    expect(await server.datafeedState('df1')).toBe('started');
    expect((await server.request('POST', closePath('j1'), { op })).status).toBe(200);
    expect(await server.datafeedState('df1')).toBe('stopped');
    expect(await server.state('j1')).toBe('closed');
  });

  it('a force close of a failed job force-stops its datafeed', async () => {
    await server.failJob('j1');
    expect((await server.request('POST', closePath('j1', '?force=true'), { op })).status).toBe(200);
    expect(await server.datafeedState('df1')).toBe('stopped');
  });

  it('a failed job without force is refused before its datafeed is touched', async () => {
    await server.failJob('j1');
    expect((await server.request('POST', closePath('j1'), { op })).status).toBe(409);
    expect(await server.datafeedState('df1')).toBe('started');
  });
});

// CJ-TC-001: holds keep a transient state for as long as the test needs; _release ends it.
describe('test control: hold and release', () => {
  const release = (id: string) =>
    server.request('POST', `/_mlclose/test/anomaly_detectors/${id}/_release`, {
      op: 'test-control-release-job',
    });

  it('a held close ends as its behaviour says: close_failure makes the released job failed', async () => {
    await server.openJob('j1');
    await server.behaviour('j1', { hold_close: true, close_failure: true });
    const closing = server.request('POST', closePath('j1'), { op });
    await server.waitForState('j1', 'closing');
    await server.release('j1');
    expect(await server.state('j1')).toBe('failed');
    expect(errorOf(await closing)).toEqual({
      status: 500,
      type: 'status_exception',
      reason: 'Exception closing autodetect process',
    });
  });

  it('release clears the holds: the next open and close finish by themselves', async () => {
    await server.behaviour('j1', { hold_open: true, hold_close: true });
    expect((await release('j1')).json).toEqual({ acknowledged: true });
    await server.openJob('j1');
    expect((await server.request('POST', closePath('j1'), { op })).json).toEqual({ closed: true });
  });

  it('hold_close false before the close means no hold', async () => {
    await server.openJob('j1');
    await server.behaviour('j1', { hold_close: true });
    await server.behaviour('j1', { hold_close: false });
    expect((await server.request('POST', closePath('j1'), { op })).json).toEqual({ closed: true });
  });

  it('a held job that fails is not finished by a later release', async () => {
    await server.openJob('j1');
    await server.behaviour('j1', { hold_close: true });
    const closing = server.request('POST', closePath('j1'), { op });
    await server.waitForState('j1', 'closing');
    await server.failJob('j1');
    expect((await closing).status).toBe(500);
    await server.release('j1');
    expect(await server.state('j1')).toBe('failed');
  });

  it('release of an unknown job is 404, of a job with no hold a no-op', async () => {
    expect(errorOf(await release('nope'))).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: "No known job with id 'nope'",
    });
    expect((await release('j1')).status).toBe(200);
    expect(await server.state('j1')).toBe('closed');
  });

  it('a hold_close that is not a boolean is a 400', async () => {
    const response = await server.request('PUT', '/_mlclose/test/anomaly_detectors/j1/_behaviour', {
      op: 'test-control-job-behaviour',
      body: { hold_close: 'yes' },
    });
    expect(response.status).toBe(400);
  });
});
