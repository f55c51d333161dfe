import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../scripts/workspace.mjs';

// The package listing lives in ../scripts/workspace.mjs, which the scripts that node runs directly import too.
export { listWorkspacePackages, publishablePackages, repoRoot } from '../scripts/workspace.mjs';

/** The fields of a package.json that the checks read. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  license?: string;
  sideEffects?: boolean | string[];
  engines?: Record<string, string>;
  exports?: unknown;
  files?: string[];
  bin?: Record<string, string> | string;
}

/** A workspace package: its folder (relative to the root) and manifest. */
export interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

/** The changesets config. */
export function readChangesetConfig(root = repoRoot): { fixed?: string[][]; linked?: string[][] } {
  return JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8')) as { fixed?: string[][] };
}

/** The spec's info.version, read from the source YAML (the top-level `info:` block). */
export function readSpecVersion(root = repoRoot): string {
  const text = readFileSync(join(root, 'spec/openapi.yaml'), 'utf8');
  const info = /^info:\n((?:[ ]{2}.*\n|\n)*)/m.exec(text);
  const version = info && /^ {2}version: *['"]?([^'"\s]+)['"]?\s*$/m.exec(info[1] ?? '');
  if (!version?.[1]) throw new Error('spec/openapi.yaml has no info.version');
  return version[1];
}
