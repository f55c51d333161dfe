// The root README shows the latest full bench run: pnpm bench rewrites the text between its markers, and the
// README that is committed must show the results that are committed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderReadmeSummary } from '../src/format.js';
import type { BenchRun } from '../src/result.js';
import { README_END, README_START, replaceReadmeSummary } from '../src/results-file.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Markdown tables compare by their cells: a formatter may pad them. */
const cells = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '' && !/^[|\s:-]+$/.test(line))
    .map((line) => line.replace(/ ?\| ?/g, '|'));

describe('the README bench summary', () => {
  it('replaces only the text between the markers', () => {
    const readme = `# x\n\nbefore\n${README_START}\nold\n${README_END}\nafter\n`;
    expect(replaceReadmeSummary(readme, 'new')).toBe(
      `# x\n\nbefore\n${README_START}\n\nnew\n\n${README_END}\nafter\n`,
    );
  });

  it.each([
    ['no markers', '# x\n'],
    ['the end first', `${README_END}\n${README_START}\n`],
    ['a marker twice', `${README_START}\n${README_END}\n${README_START}\n`],
  ])('refuses a README with %s', (_name, readme) => {
    expect(() => replaceReadmeSummary(readme, 'new')).toThrow(/must hold .* once each/);
  });

  it('shows the committed latest full run, every ratio with its target', () => {
    const run = JSON.parse(readFileSync(join(root, 'apps/bench/results/latest.json'), 'utf8')) as BenchRun;
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const shown = readme.slice(
      readme.indexOf(README_START) + README_START.length,
      readme.indexOf(README_END),
    );
    expect(cells(shown)).toEqual(cells(renderReadmeSummary(run)));
    for (const ratio of run.benchmarks.flatMap((b) => b.ratios)) expect(shown).toContain(ratio.name);
  });
});
