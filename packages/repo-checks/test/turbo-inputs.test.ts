// A task's turbo inputs are the files that decide whether its cached result still holds. A file git ignores (a
// turbo log, a vitest cache, node_modules) changes on every run, so a task that hashed one ran again on a warm
// cache: `//#lint:repo` did, and every package's lint after it. Turbo's explicit globs do not read .gitignore,
// so turbo.json excludes those files itself, and this check keeps it so.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/workspace.js';

const require = createRequire(join(repoRoot, 'package.json'));
const turboBin = join(dirname(require.resolve('turbo/package.json')), 'bin/turbo');

interface DryTask {
  taskId: string;
  directory: string;
  inputs: Record<string, string>;
}

/** Turbo's dry run of the test command's tasks, and build: each task with its input files. */
function dryRun(): DryTask[] {
  const result = spawnSync(turboBin, ['run', 'build', 'lint', 'typecheck', 'test', '--dry=json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`turbo --dry=json failed:\n${result.stderr}`);
  return (JSON.parse(result.stdout) as { tasks: DryTask[] }).tasks;
}

/** The files among `files` (relative to the repository root) that git ignores. */
function ignoredByGit(files: string[]): string[] {
  const result = spawnSync('git', ['check-ignore', '--stdin'], {
    cwd: repoRoot,
    input: files.join('\n'),
    encoding: 'utf8',
  });
  // 0: some are ignored, 1: none are; anything else is an error.
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`git check-ignore failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}

// Ignored files that exist on any machine, even before a first run: a turbo log, and one in node_modules. Made
// before the dry run below (which runs as the file is collected), removed after the tests.
const probes = [
  join(repoRoot, 'packages/repo-checks/.turbo/inputs-probe.log'),
  join(repoRoot, 'packages/repo-checks/node_modules/.inputs-probe'),
];
for (const probe of probes) {
  mkdirSync(dirname(probe), { recursive: true });
  writeFileSync(probe, 'an ignored file that no task may hash\n');
}
afterAll(() => {
  for (const probe of probes) rmSync(probe, { force: true });
});

describe('turbo task inputs', () => {
  const tasks = dryRun();

  it('lists the tasks of the test command', () => {
    const ids = tasks.map((task) => task.taskId);
    expect(ids).toContain('//#lint:repo');
    expect(ids).toContain('@mlclose/repo-checks#test');
  });

  it('git ignores the probes, so the check below can see an ignored input', () => {
    expect(ignoredByGit(probes.map((probe) => relative(repoRoot, probe)))).toHaveLength(probes.length);
  });

  it.each(tasks.map((task) => [task.taskId, task] as const))(
    '%s hashes no file that git ignores',
    (_id, task) => {
      const files = Object.keys(task.inputs).map((file) => join(task.directory, file));
      expect(files.length).toBeGreaterThan(0);
      expect(ignoredByGit(files)).toEqual([]);
    },
  );
});
