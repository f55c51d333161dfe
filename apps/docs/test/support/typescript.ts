// Compiles a small TypeScript project under test-results/ with the repository's tsc, as a reader's editor or
// build would: strict, NodeNext, resolving packages from apps/docs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, repoRoot } from './paths.js';

const tsc = path.join(repoRoot, 'node_modules/.bin/tsc');

/** Writes `files` into a fresh test-results/<name> project and runs tsc on it; `options` adds compiler options. */
export function compileProject(
  name: string,
  files: Record<string, string>,
  options: Record<string, unknown>,
): { dir: string; status: number | null; output: string } {
  const dir = path.join(artifacts, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    ...options,
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
  for (const [file, source] of Object.entries(files)) writeFileSync(path.join(dir, file), source);
  const run = spawnSync(tsc, ['-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], {
    encoding: 'utf8',
  });
  return { dir, status: run.status, output: `${run.stdout}${run.stderr}` };
}
