import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this package lives in packages/repo-checks). */
export const repoRoot = resolve(import.meta.dirname, '../../..');

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

/** Every package under packages/ and apps/. */
export function listWorkspacePackages(root = repoRoot): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const manifestPath = join(groupDir, name, 'package.json');
      if (!existsSync(manifestPath)) continue;
      found.push({
        dir: `${group}/${name}`,
        manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest,
      });
    }
  }
  return found;
}

/** The packages that get published (not private). */
export function publishablePackages(root = repoRoot): WorkspacePackage[] {
  return listWorkspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
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
