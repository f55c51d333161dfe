import type { BenchmarkResult, BenchRun, Measurement, Ratio } from './result.js';
import { MEDIAN_INTERVAL_LEVEL, type MedianInterval } from './stats.js';

/** Three significant digits for small values, whole numbers with separators for large ones. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (value === 0) return '0';
  return Number(value.toPrecision(3)).toString();
}

/** Two decimals, or two significant digits for ratios far below 1 (a 0.017 size ratio is not 0.02). */
const formatRatio = (value: number): string =>
  Math.abs(value) >= 0.1 || value === 0 ? value.toFixed(2) : value.toPrecision(2);

type Style = 'text' | 'markdown';

function table(headers: string[], rows: string[][], style: Style): string {
  if (style === 'markdown') {
    const line = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
    return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A median's confidence interval as `low–high` in the median's own format, or nothing when there is none. */
function intervalCell(interval: MedianInterval | undefined, format: (value: number) => string): string {
  return interval === undefined ? '' : `${format(interval.low)}–${format(interval.high)}`;
}

/** The header of the interval column: the level of every interval in it. */
const INTERVAL = `${MEDIAN_INTERVAL_LEVEL * 100}% CI`;

function ratioTarget({ target, meetsTarget }: Ratio | Measurement): string {
  if (target === undefined) return '';
  return `${target.op} ${target.value} ${meetsTarget ? 'met' : 'MISSED'}`;
}

function renderBenchmark(result: BenchmarkResult, style: Style): string {
  const heading = `${result.name}: ${result.title}`;
  const status =
    result.status === 'ok'
      ? `${(result.durationMs / 1_000).toFixed(1)} s, measured ${result.measuredAt}, load average ${result.loadAverage.toFixed(2)}`
      : `${result.status.toUpperCase()}: ${result.reason ?? ''}`;
  const parts = [style === 'markdown' ? `### ${heading}\n\n${status}` : `== ${heading}\n${status}`];
  if (result.measurements.length > 0) {
    // The target column only where a measurement has an absolute target.
    const targets = result.measurements.some((m) => m.target !== undefined);
    parts.push(
      table(
        ['subject', 'metric', 'median', INTERVAL, 'min–max', 'n', ...(targets ? ['target'] : [])],
        result.measurements.map((m) => [
          m.subject,
          `${m.metric} (${m.unit})`,
          formatNumber(m.summary.median),
          intervalCell(m.summary.medianInterval, formatNumber),
          m.summary.n > 1 ? `${formatNumber(m.summary.min)}–${formatNumber(m.summary.max)}` : '',
          String(m.summary.n),
          ...(targets ? [ratioTarget(m)] : []),
        ]),
        style,
      ),
    );
  }
  if (result.ratios.length > 0) {
    parts.push(
      table(
        ['ratio', 'value', INTERVAL, 'min–max', 'how', 'target'],
        result.ratios.map((r) => [
          r.name,
          formatRatio(r.value),
          intervalCell(r.interval, formatRatio),
          r.method === 'exact' ? '' : `${formatRatio(r.min)}–${formatRatio(r.max)}`,
          r.method,
          ratioTarget(r),
        ]),
        style,
      ),
    );
  }
  if (result.notes.length > 0) {
    parts.push(result.notes.map((note) => (style === 'markdown' ? `- ${note}` : `  * ${note}`)).join('\n'));
  }
  return parts.join('\n\n');
}

/**
 * Every ratio of the run in one table, every measurement with an absolute target, and every benchmark that
 * did not run: the headline.
 */
function renderSummary(run: BenchRun, style: Style): string {
  const rows = run.benchmarks.flatMap((result) =>
    result.status === 'ok'
      ? [
          ...result.measurements
            .filter((m) => m.target !== undefined)
            .map((m) => [
              result.name,
              `${m.subject}, ${m.metric} (${m.unit}), median`,
              formatNumber(m.summary.median),
              intervalCell(m.summary.medianInterval, formatNumber),
              ratioTarget(m),
            ]),
          ...result.ratios.map((r) => [
            result.name,
            r.name,
            formatRatio(r.value),
            intervalCell(r.interval, formatRatio),
            ratioTarget(r),
          ]),
        ]
      : [[result.name, `${result.status}: ${result.reason ?? ''}`, '', '', '']],
  );
  return table(['benchmark', 'ratio', 'value', INTERVAL, 'target'], rows, style);
}

/** The run as the CLI prints it: each benchmark, then the summary of ratios. */
export function renderText(run: BenchRun): string {
  const sections = run.benchmarks.map((result) => renderBenchmark(result, 'text'));
  return `${[...sections, `== Summary\n\n${renderSummary(run, 'text')}`].join('\n\n')}\n`;
}

/**
 * The summary as the root README shows it, between its `bench:summary` markers: when the run was measured, on
 * what, and every ratio with its target.
 */
export function renderReadmeSummary(run: BenchRun): string {
  const env = run.environment;
  return [
    `Latest \`pnpm bench\` (${run.mode}, ${run.startedAt.slice(0, 10)}, Node ${env.node}, ${env.cpus} × ${env.cpuModel}, ` +
      `load average ${env.loadAverage.start.toFixed(2)}); details in [apps/bench/results/latest.md](apps/bench/results/latest.md).`,
    '',
    renderSummary(run, 'markdown'),
  ].join('\n');
}

/** The run as `results/latest.md`. */
export function renderMarkdown(run: BenchRun): string {
  const env = run.environment;
  return [
    '# mlclose benchmarks: latest results',
    '',
    '<!-- Written by `pnpm bench` (apps/bench). Do not edit by hand; see apps/bench/README.md for how to read it. -->',
    '',
    `Run: ${run.mode}, measured from ${run.startedAt} to ${run.finishedAt}. Node ${env.node}, ` +
      `${env.platform}/${env.arch}, ${env.cpus} × ${env.cpuModel}. 1-minute load average of the latest run: ` +
      `${env.loadAverage.start.toFixed(2)} at start, ${env.loadAverage.end.toFixed(2)} at end; each section gives its own.`,
    '',
    'All traffic is on loopback (127.0.0.1). Absolute numbers depend on the machine and how busy it was; ' +
      'compare ratios, which come from rounds interleaved within one benchmark. ' +
      '`pnpm bench --only NAME` replaces that section only, so each section carries its own time.',
    '',
    '## Summary',
    '',
    renderSummary(run, 'markdown'),
    '',
    '## Details',
    '',
    run.benchmarks.map((result) => renderBenchmark(result, 'markdown')).join('\n\n'),
    '',
  ].join('\n');
}
