// Finds which test and suite files cite each requirement ID, so the catalogue page can link a requirement
// to the tests that cover it. A citation is the ID string itself (`CJ-EXPAND-004`) anywhere in the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ID = /\bCJ-[A-Z]+-\d{3}\b/g;
const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx|json|ya?ml|feature)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'test-results', '.turbo', 'coverage']);

/**
 * Where to look, relative to the repository root: each package's tests and the conformance suite's source.
 * @param {string} repoRoot
 */
export function coverageRoots(repoRoot) {
  const packagesDir = path.join(repoRoot, 'packages');
  const roots = [];
  for (const name of readdirSync(packagesDir).sort()) {
    roots.push(path.join('packages', name, 'test'));
    if (name === 'conformance') roots.push(path.join('packages', name, 'src'));
  }
  return roots;
}

/**
 * The source files under `dir`, in name order, skipping build output and dependencies.
 * @param {string} dir
 * @returns {Generator<string>}
 */
function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // A package without a test folder (yet) cites nothing.
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* walk(full);
    } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && statSync(full).size < 2_000_000) {
      yield full;
    }
  }
}

/**
 * Maps each requirement ID to the files (repo-relative, POSIX separators) and line numbers that cite it.
 * @param {string} repoRoot
 * @param {string[]} [roots]
 * @returns {Map<string, { file: string, line: number }[]>}
 */
export function scanCitations(repoRoot, roots = coverageRoots(repoRoot)) {
  /** @type {Map<string, { file: string, line: number }[]>} */
  const citations = new Map();
  for (const root of roots) {
    for (const file of walk(path.join(repoRoot, root))) {
      const rel = path.relative(repoRoot, file).split(path.sep).join('/');
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((text, index) => {
        for (const [id] of text.matchAll(ID)) {
          const list = citations.get(id) ?? [];
          // One entry per file: the first line that cites the ID.
          if (!list.some((c) => c.file === rel)) list.push({ file: rel, line: index + 1 });
          citations.set(id, list);
        }
      });
    }
  }
  return citations;
}
