// A task's turbo inputs are the files that decide whether its cached result still holds. A file git ignores (a
// turbo log, a vitest cache, node_modules) changes on every run, so a task that hashed one ran again on a warm
// cache: `//#lint:repo` did, and every package's lint after it. Turbo's explicit globs do not read .gitignore,
// so turbo.json excludes those files itself, and this check keeps it so.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plan } from '../scripts/typecheck.mjs';
import { listWorkspacePackages, repoRoot } from '../src/workspace.js';

const require = createRequire(join(repoRoot, 'package.json'));
const turboBin = join(dirname(require.resolve('turbo/package.json')), 'bin/turbo');

interface DryTask {
  taskId: string;
  directory: string;
  inputs: Record<string, string>;
  /** The tasks it waits for directly. */
  dependencies: string[];
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
const tasks = dryRun();

describe('turbo task inputs', () => {
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

/** The tasks that `taskId` waits for, directly or through others. */
function waitsFor(all: DryTask[], taskId: string): Set<string> {
  const byId = new Map(all.map((task) => [task.taskId, task]));
  const seen = new Set<string>();
  const next = [...(byId.get(taskId)?.dependencies ?? [])];
  for (let id = next.pop(); id !== undefined; id = next.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    next.push(...(byId.get(id)?.dependencies ?? []));
  }
  return seen;
}

/** An import of the package's own built files by a literal path: static, or dynamic with a string literal. */
const BUILT_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*)['"](?:\.\.\/)+dist\//;

describe('the typecheck and the builds', () => {
  // The typecheck resolves the types of what a checked file imports. A file that imports its package's built files by
  // a literal path needs that build first; turbo runs the typecheck after the builds it depends on (^build: the
  // packages repo-checks depends on) and at the same time as the others, so it failed whenever it came first.
  it("runs after the build of every package whose checked files import that package's built files", () => {
    const typecheck = '@mlclose/repo-checks#typecheck';
    expect(tasks.map((task) => task.taskId)).toContain(typecheck);
    const before = waitsFor(tasks, typecheck);
    const packages = listWorkspacePackages().map((pkg) => ({
      dir: join(repoRoot, pkg.dir),
      name: pkg.manifest.name,
    }));
    const checked = (plan(repoRoot)?.programs ?? []).flatMap((program) => program.rootNames);
    expect(checked.length).toBeGreaterThan(100);
    const unordered = checked.filter((file) => {
      const owner = packages.find((pkg) => file.startsWith(`${pkg.dir}/`));
      return (
        owner !== undefined &&
        !before.has(`${owner.name}#build`) &&
        BUILT_IMPORT.test(readFileSync(file, 'utf8'))
      );
    });
    expect(unordered.map((file) => relative(repoRoot, file))).toEqual([]);
  });
});
