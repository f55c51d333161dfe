import type { Manifest } from './workspace.js';

/** Checks a publishable package.json against the repo's packaging rules (see shared STYLE: exports). */
export function checkManifest(manifest: Manifest): string[] {
  const problems: string[] = [];
  const name = manifest.name;
  if (!/^@mlclose\/[a-z0-9-]+$/.test(name)) problems.push(`${name}: packages are named @mlclose/<name>`);
  if (manifest.type !== 'module') problems.push(`${name}: "type" must be "module" (ESM)`);
  if (manifest.license !== 'Apache-2.0') problems.push(`${name}: license must be Apache-2.0`);
  if (manifest.engines?.node !== '>=20.19') problems.push(`${name}: engines.node must be ">=20.19"`);
  if (!Array.isArray(manifest.files) || manifest.files.length === 0) {
    problems.push(`${name}: "files" allowlist is missing`);
  }
  if (manifest.sideEffects !== false) problems.push(`${name}: "sideEffects": false is expected`);
  if (!manifest.exports || typeof manifest.exports !== 'object') {
    problems.push(`${name}: "exports" map is missing`);
    return problems;
  }
  for (const [subpath, target] of Object.entries(manifest.exports as Record<string, unknown>)) {
    if (subpath.includes('*')) problems.push(`${name}: wildcard export ${subpath} is not allowed`);
    if (target && typeof target === 'object') {
      const conditions = Object.keys(target);
      if (conditions[0] !== 'types') problems.push(`${name}: export ${subpath} must list "types" first`);
      if (!conditions.includes('default'))
        problems.push(`${name}: export ${subpath} has no "default" condition`);
    } else if (typeof target === 'string' && /\.[cm]?js$/.test(target)) {
      problems.push(`${name}: export ${subpath} points at JavaScript without "types"`);
    }
  }
  return problems;
}
