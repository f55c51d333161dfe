// Summarises Stryker's JSON reports in ./reports (one per module run, or the single full run): the mutation score
// per file and overall, and every surviving mutant as file:line and mutator, grouped by file.
// Usage: node stryker/summarise.mjs [report.json ...]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const reports =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(path.join(here, 'reports'))
        .filter((name) => /^mutation.*\.json$/.test(name))
        .map((name) => path.join(here, 'reports', name));

// The fields read here of Stryker's JSON report (mutation-testing-report-schema), whose types do not resolve from
// this package.
/**
 * @typedef {{ status: string, mutatorName: string, replacement?: string,
 *   location: { start: { line: number, column: number } } }} Mutant
 * @typedef {{ files: Record<string, { mutants: Mutant[] }> }} MutationReport
 */

const DETECTED = new Set(['Killed', 'Timeout']);
const VALID = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
/** @type {Map<string, Mutant[]>} */
const files = new Map();
for (const report of reports) {
  /** @type {MutationReport} */
  const json = JSON.parse(readFileSync(report, 'utf8'));
  for (const [file, { mutants }] of Object.entries(json.files)) {
    // A later report for the same file replaces an earlier one (re-runs).
    files.set(
      file,
      mutants.filter((mutant) => mutant.status !== 'Ignored'),
    );
  }
}
let detected = 0;
let valid = 0;
const lines = [];
for (const [file, mutants] of [...files].sort()) {
  const d = mutants.filter((m) => DETECTED.has(m.status)).length;
  const v = mutants.filter((m) => VALID.has(m.status)).length;
  detected += d;
  valid += v;
  /** @type {Record<string, number>} */
  const tally = {};
  for (const m of mutants) tally[m.status] = (tally[m.status] ?? 0) + 1;
  const counts = Object.entries(tally).map(([status, n]) => `${status} ${n}`);
  lines.push(`${file}: ${((100 * d) / v).toFixed(2)}% (${counts.join(', ')})`);
  for (const m of mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')) {
    lines.push(
      `  ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '').slice(0, 90)}`,
    );
  }
}
console.log(lines.join('\n'));
console.log(`\nTOTAL: ${((100 * detected) / valid).toFixed(2)}% (${detected} detected of ${valid})`);
