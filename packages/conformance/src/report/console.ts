// Live progress on a TTY (one updating line), plain lines otherwise; then the verdict, every failure with its
// replay command, and the seed.
import type { CheckResult, Reporter, RunReport } from './types.js';

export interface ConsoleReporterOptions {
  /** @default process.stdout */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Print every check, not only failures. @default false */
  verbose?: boolean;
}

export function consoleReporter(options: ConsoleReporterOptions = {}): Reporter {
  const stream = options.stream ?? process.stdout;
  const tty = stream.isTTY === true;
  const counts = { passed: 0, failed: 0, warned: 0, skipped: 0 };
  const write = (text: string) => stream.write(text);
  const clear = () => tty && write('\r\x1b[2K');
  return {
    onRunStart(info) {
      write(`mlclose conformance: run ${info.runId}, seed ${info.seed}, ${info.checks} checks\n`);
      write(
        `target ${info.target.url}${info.target.embedded ? ' (embedded reference server)' : ''}, version ${info.target.version ?? 'unknown'}, test control ${info.target.testControl ? `yes (${info.target.capabilities.join(', ')})` : 'no'}\n`,
      );
    },
    onCheckEnd(result: CheckResult, progress) {
      counts[result.status]++;
      if (result.status === 'failed' || result.status === 'warned' || options.verbose) {
        clear();
        write(
          `${result.status.toUpperCase().padEnd(7)} ${result.id}${result.skipReason ? ` (${result.skipReason})` : ''}\n`,
        );
        for (const failure of result.failures.slice(0, 3))
          write(`        [${failure.requirements.join(',')}] ${failure.message}\n`);
      }
      if (tty) {
        clear();
        write(
          `[${progress.done}/${progress.total}] passed ${counts.passed}  failed ${counts.failed}  warned ${counts.warned}  skipped ${counts.skipped}`,
        );
        if (progress.done === progress.total) write('\n');
      }
    },
    onRunEnd(report: RunReport) {
      clear();
      const r = report.summary.requirements;
      const c = report.summary.checks;
      write(
        `\nchecks: ${c.total} (passed ${c.passed ?? 0}, failed ${c.failed ?? 0}, warned ${c.warned ?? 0}, skipped ${c.skipped ?? 0})\n`,
      );
      write(
        `requirements: ${r.total} (passed ${r.passed ?? 0}, failed ${r.failed ?? 0}, warned ${r.warned ?? 0}, skipped ${r.skipped ?? 0}, inconclusive ${r.inconclusive ?? 0}, not covered ${r['not-covered'] ?? 0}, not run ${r['not-run'] ?? 0})\n`,
      );
      const failing = report.requirements.filter((req) => req.status === 'failed' || req.status === 'warned');
      for (const req of failing) {
        write(`  ${req.status === 'failed' ? 'FAIL' : 'WARN'} ${req.id}: ${req.statement}\n`);
        for (const message of req.failures.slice(0, 3)) write(`       ${message}\n`);
      }
      const replays = report.checks.filter((check) => check.replay);
      if (replays.length > 0) {
        write('\nreplay a failure:\n');
        for (const check of replays.slice(0, 20)) write(`  ${check.replay}\n`);
        if (replays.length > 20) write(`  ... and ${replays.length - 20} more (see the JSON report)\n`);
      }
      write(
        `\n${report.requests.count} requests in ${(report.durationMs / 1000).toFixed(1)} s (${report.requests.perSecond}/s); cleanup removed ${report.cleanup.jobs} job(s), ${report.cleanup.datafeeds} datafeed(s)${report.cleanup.errors.length ? `; cleanup errors: ${report.cleanup.errors.length} (run \`mlclose-conformance cleanup --run-id ${report.runId}\`)` : ''}\n`,
      );
      write(`seed ${report.seed}; replay the run: ${report.replay}\n`);
      write(`verdict: ${VERDICT_LABELS[report.verdict]}${verdictReason(report)}\n`);
    },
  };
}

const VERDICT_LABELS: Record<RunReport['verdict'], string> = {
  conformant: 'CONFORMANT',
  'non-conformant': 'NOT CONFORMANT',
  incomplete: 'INCOMPLETE',
};

/** Why a run is incomplete (or what a failing run left out), in parentheses; empty for a complete run. */
function verdictReason(report: RunReport): string {
  const parts: string[] = [];
  if (report.interrupted) parts.push('interrupted');
  if (report.notRun > 0) parts.push(`${report.notRun} of ${report.summary.checks.total} checks did not run`);
  if (report.verdict === 'incomplete' && parts.length === 0) parts.push('no check passed');
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
