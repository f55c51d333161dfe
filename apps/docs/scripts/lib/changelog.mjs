// Collects the changelog: released entries from each package's CHANGELOG.md (written by `changeset version`)
// and the pending `.changeset/*.md` entries, which are shown as "Unreleased".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @typedef {{ name: string, type: string }} Release A package's bump in a changeset.
 * @typedef {{ id: string, releases: Release[], summary: string }} Changeset
 * @typedef {{ name: string, file: string, markdown: string }} PackageChangelog
 */

/**
 * Parses a changeset file: YAML-ish front matter of `'pkg': bump` lines (none in an empty changeset, which
 * `changeset --empty` writes), then the summary.
 * @param {string} text
 * @returns {Omit<Changeset, 'id'>}
 */
export function parseChangeset(text) {
  const match = /** @type {(RegExpExecArray & [string, string, string]) | null} */ (
    /^---\r?\n([\s\S]*?)(?:\r?\n)?---\r?\n?([\s\S]*)$/.exec(text)
  );
  if (!match) throw new Error('a changeset must start with a --- front matter block');
  /** @type {Release[]} */
  const releases = [];
  for (const line of match[1].split(/\r?\n/)) {
    if (!line.trim()) continue;
    const release = /** @type {(RegExpExecArray & [string, string, string]) | null} */ (
      /^\s*['"]?([^'":]+)['"]?\s*:\s*(major|minor|patch|none)\s*$/.exec(line)
    );
    if (!release) throw new Error(`cannot read changeset front matter line: ${line}`);
    releases.push({ name: release[1], type: release[2] });
  }
  return { releases, summary: match[2].trim() };
}

/**
 * The pending changesets in `.changeset/`, by file name.
 * @param {string} repoRoot
 * @returns {Changeset[]}
 */
export function pendingChangesets(repoRoot) {
  const dir = path.join(repoRoot, '.changeset');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => ({
      id: name.replace(/\.md$/, ''),
      ...parseChangeset(readFileSync(path.join(dir, name), 'utf8')),
    }));
}

/**
 * Every workspace package's CHANGELOG.md that exists, by package name.
 * @param {string} repoRoot
 * @returns {PackageChangelog[]}
 */
export function packageChangelogs(repoRoot) {
  /** @type {PackageChangelog[]} */
  const found = [];
  for (const group of ['packages', 'apps']) {
    const dir = path.join(repoRoot, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name, 'CHANGELOG.md');
      const manifest = path.join(dir, name, 'package.json');
      if (!existsSync(file) || !existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      found.push({
        name: pkg.name,
        file: `${group}/${name}/CHANGELOG.md`,
        markdown: readFileSync(file, 'utf8'),
      });
    }
  }
  return found;
}
