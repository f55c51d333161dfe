import type { WorkspacePackage } from './workspace.js';

/** What the version-sync check needs to know. */
export interface VersionSyncInput {
  publishable: WorkspacePackage[];
  fixed: string[][];
  specVersion: string;
}

/**
 * Every publishable package is in one changesets `fixed` group, they all have one version, and the spec's
 * info.version is that version. Returns the problems found (none when in sync).
 */
export function checkVersionSync({ publishable, fixed, specVersion }: VersionSyncInput): string[] {
  const problems: string[] = [];
  const names = publishable.map((pkg) => pkg.manifest.name);
  const group = fixed.find((candidate) => names.some((name) => candidate.includes(name)));
  if (!group) {
    problems.push('no changesets fixed group holds the publishable packages');
  } else {
    if (fixed.filter((candidate) => names.some((name) => candidate.includes(name))).length > 1) {
      problems.push('the publishable packages are split across several fixed groups');
    }
    for (const name of names) {
      if (!group.includes(name)) problems.push(`${name} is publishable but not in the fixed group`);
    }
    for (const name of group) {
      if (!names.includes(name))
        problems.push(`the fixed group names ${name}, which is not a publishable package`);
    }
  }
  const versions = new Set(publishable.map((pkg) => pkg.manifest.version));
  if (versions.size > 1) {
    problems.push(
      `publishable packages disagree on the version: ${publishable.map((pkg) => `${pkg.manifest.name}@${pkg.manifest.version}`).join(', ')}`,
    );
  }
  for (const pkg of publishable) {
    if (pkg.manifest.version !== specVersion) {
      problems.push(
        `spec info.version ${specVersion} differs from ${pkg.manifest.name}@${pkg.manifest.version}`,
      );
    }
  }
  return problems;
}
