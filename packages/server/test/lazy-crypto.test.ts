// node:crypto is loaded by the first request that needs a random id, not as the server starts: loading it took 5.2 to
// 6.6 ms of a start of about 90 ms. Each case runs the built bin in a fresh Node process and reads the built-in modules
// it had loaded when it printed its ready line, and when it exited.
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startCli } from './cli-helpers.js';

const REPORT = fileURLToPath(new URL('./fixtures/report-builtins.cjs', import.meta.url));

interface Loaded {
  ready: string[];
  exit: string[];
  answers: unknown[];
}

/** Runs the bin with `args`, sends `paths` one after another (GET), stops it, and reads what it had loaded. */
async function loadedAround(args: string[], paths: string[]): Promise<Loaded> {
  const { child, url, stderr } = await startCli(['--port', '0', ...args], ['--require', REPORT]);
  const exited = once(child, 'exit');
  const answers: unknown[] = [];
  for (const path of paths) answers.push(await (await fetch(url + path)).json());
  child.kill('SIGTERM');
  const [code] = await exited;
  expect(code).toBe(0);
  const reports = stderr()
    .trimEnd()
    .split('\n')
    .filter((line) => line.startsWith('{"at":'))
    .map((line) => JSON.parse(line) as { at: 'ready' | 'exit'; builtins: string[] });
  const at = (when: 'ready' | 'exit') => reports.find((report) => report.at === when)?.builtins ?? [];
  return { ready: at('ready'), exit: at('exit'), answers };
}

describe('the mlclose-server bin loads node:crypto lazily', () => {
  beforeAll(() => {
    ensureBuilt();
  });

  it('starts without it, and loads it for the cluster uuid, which then stays the same', async () => {
    const loaded = await loadedAround([], ['/', '/']);
    // The observation works: the ready line was seen, with the HTTP server loaded by then.
    expect(loaded.ready).toContain('http');
    expect(loaded.ready).not.toContain('crypto');
    expect(loaded.exit).toContain('crypto');
    const [first, second] = loaded.answers as { cluster_uuid: string }[];
    expect(first!.cluster_uuid).toMatch(/^[\w-]{22}$/u);
    expect(second!.cluster_uuid).toBe(first!.cluster_uuid);
  });

  it('a request that needs no random id does not load it', async () => {
    const loaded = await loadedAround([], ['/_ml/anomaly_detectors/_all/_stats']);
    expect(loaded.answers).toEqual([{ count: 0, jobs: [] }]);
    expect(loaded.exit).not.toContain('crypto');
  });

  it('with credentials, it loads it as it starts, to keep their digests', async () => {
    const loaded = await loadedAround(['--api-key', 'a-key'], []);
    expect(loaded.ready).toContain('crypto');
  });
});
