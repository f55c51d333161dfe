import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderMarkdown } from './format.js';
import { BENCHMARK_NAMES, type BenchRun } from './result.js';

async function readPrevious(file: string): Promise<BenchRun | undefined> {
  try {
    const previous = JSON.parse(await readFile(file, 'utf8')) as BenchRun;
    return previous.format === 'mlclose-bench/1' ? previous : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `latest.json` and `latest.md` in `dir`. With `merge`, benchmarks this run did not take keep their
 * previous results, so `--only build` adds the build section without dropping the others.
 */
export async function writeResults(run: BenchRun, dir: string, merge: boolean): Promise<BenchRun> {
  await mkdir(dir, { recursive: true });
  const jsonFile = join(dir, 'latest.json');
  let written = run;
  if (merge) {
    const previous = await readPrevious(jsonFile);
    if (previous !== undefined) {
      const ran = new Set(run.benchmarks.map((b) => b.name));
      const kept = previous.benchmarks.filter((b) => !ran.has(b.name));
      const benchmarks = [...kept, ...run.benchmarks].sort(
        (a, b) => BENCHMARK_NAMES.indexOf(a.name) - BENCHMARK_NAMES.indexOf(b.name),
      );
      // The file now spans several runs: it starts when its earliest section was measured.
      const startedAt = [run.startedAt, ...kept.map((b) => b.measuredAt)].sort()[0]!;
      written = { ...run, startedAt, benchmarks };
    }
  }
  // Write beside, then rename: an interrupted run never leaves half a file behind.
  for (const [file, text] of [
    [jsonFile, `${JSON.stringify(written, null, 2)}\n`],
    [join(dir, 'latest.md'), renderMarkdown(written)],
  ] as const) {
    await writeFile(`${file}.tmp`, text);
    await rename(`${file}.tmp`, file);
  }
  return written;
}

export const README_START = '<!-- bench:summary:start (written by pnpm bench) -->';
export const README_END = '<!-- bench:summary:end -->';

/** `readme` with the text between its bench summary markers replaced by `block`. Throws when the markers are not there once each, in order. */
export function replaceReadmeSummary(readme: string, block: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (
    start < 0 ||
    end < 0 ||
    end < start ||
    readme.indexOf(README_START, start + 1) >= 0 ||
    readme.indexOf(README_END, end + 1) >= 0
  ) {
    throw new Error(`the README must hold ${README_START} and then ${README_END}, once each`);
  }
  return `${readme.slice(0, start + README_START.length)}\n\n${block}\n\n${readme.slice(end)}`;
}

/** Replaces the README's bench summary with `block`, written beside and renamed, as the results are. */
export async function writeReadmeSummary(readmeFile: string, block: string): Promise<void> {
  const next = replaceReadmeSummary(await readFile(readmeFile, 'utf8'), block);
  await writeFile(`${readmeFile}.tmp`, next);
  await rename(`${readmeFile}.tmp`, readmeFile);
}
