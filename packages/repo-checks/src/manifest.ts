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
  // Libraries are side-effect free; a package may list only its CLI entry points as having side effects.
  const bins = Object.values(typeof manifest.bin === 'object' ? manifest.bin : {}).map((bin) =>
    bin.replace(/^\.\//, ''),
  );
  const sideEffects = manifest.sideEffects as unknown;
  const onlyBins =
    Array.isArray(sideEffects) &&
    sideEffects.every((file) => bins.includes(String(file).replace(/^\.\//, '')));
  if (sideEffects !== false && !onlyBins) {
    problems.push(`${name}: "sideEffects" must be false, or list only the package's bin files`);
  }
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
