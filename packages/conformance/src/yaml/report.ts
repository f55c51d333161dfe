// The report of a YAML run: what runYamlTests returns and what `--json` writes. Its JSON Schema is
// ../../yaml-report-schema.json; keep the two in step (a package test validates real output against it). JUnit XML
// has one <testsuite> per file and one <testcase> per test; the HTML page shows each file and test with its
// transcript, credentials redacted.
import type { CredentialKind } from '../credentials.js';
import type { Exchange } from '../http.js';
import { escapeHtml, escapeXml, transcriptHtml, writeReportFile } from '../report/files.js';

export type YamlTestStatus = 'passed' | 'failed' | 'skipped';

export interface YamlFailure {
  /** Where it failed. `wipe` is the cleanup between tests; `load` a step that could not run at all. */
  section: 'setup' | 'test' | 'teardown';
  /** 1-based step number in that section (prerequisites included, as written in the file). */
  step: number;
  /** The step's kind: do, match, is_true, set, … */
  kind: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
}

export interface YamlTestResult {
  name: string;
  status: YamlTestStatus;
  durationMs: number;
  skipReason?: string;
  failure?: YamlFailure;
  /** Things the reader should know: ignored node selectors, `catch: param`, teardown failures after a failure. */
  notes: string[];
  /** Every request and response of the test (setup and teardown included), credentials redacted. */
  transcript: Exchange[];
}

export interface YamlFileResult {
  /** The file's path relative to the directory given (or its name, for a file given directly). */
  file: string;
  status: YamlTestStatus;
  /** Why the file could not be read (its tests are then not listed). */
  error?: string;
  tests: YamlTestResult[];
}

export interface YamlTally {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

export interface YamlRunReport {
  schemaVersion: 1;
  kind: 'yaml-rest-tests';
  tool: { name: '@mlclose/conformance'; version: string };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  target: {
    url: string;
    embedded: boolean;
    version: string | null;
    credentials: CredentialKind;
  };
  options: {
    paths: string[];
    api: string;
    test: string | null;
    skipList: string | null;
    allowDestructive: boolean;
    clusterFeatures: string[];
    allowedWarningsRegex: string[];
  };
  /** `passed` when no test and no file failed. */
  verdict: 'passed' | 'failed';
  interrupted: boolean;
  summary: { files: YamlTally; tests: YamlTally };
  requests: { count: number };
  /** Wiping between tests: whether it ran, what it does, and what went wrong. */
  wipe: { enabled: boolean; steps: string[]; errors: string[] };
  files: YamlFileResult[];
}

/** Receives progress; every method is optional. */
export interface YamlReporter {
  onRunStart?(info: { target: YamlRunReport['target']; files: number; tests: number }): void;
  onTestEnd?(file: string, result: YamlTestResult): void;
  onRunEnd?(report: YamlRunReport): void | Promise<void>;
}

export function yamlToJson(report: YamlRunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function yamlToJunit(report: YamlRunReport): string {
  const t = report.summary.tests;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mlclose-conformance yaml" tests="${t.total}" failures="${t.failed}" skipped="${t.skipped}" time="${seconds(report.durationMs)}">`,
  ];
  for (const file of report.files) {
    const failed = file.tests.filter((x) => x.status === 'failed').length + (file.error ? 1 : 0);
    const skipped = file.tests.filter((x) => x.status === 'skipped').length;
    const time = file.tests.reduce((sum, x) => sum + x.durationMs, 0);
    lines.push(
      `  <testsuite name="${escapeXml(file.file)}" tests="${file.tests.length + (file.error ? 1 : 0)}" failures="${failed}" skipped="${skipped}" time="${seconds(time)}" timestamp="${report.startedAt}">`,
    );
    if (file.error)
      lines.push(
        `    <testcase classname="${escapeXml(file.file)}" name="(load)" time="0.000"><failure message="${escapeXml(file.error)}"/></testcase>`,
      );
    for (const test of file.tests) {
      lines.push(
        `    <testcase classname="${escapeXml(file.file)}" name="${escapeXml(test.name)}" time="${seconds(test.durationMs)}">`,
      );
      if (test.status === 'failed' && test.failure) {
        const f = test.failure;
        const detail = `${f.section} step ${f.step} (${f.kind}): ${f.message}${f.expected !== undefined ? `\nexpected: ${JSON.stringify(f.expected)}` : ''}${f.actual !== undefined ? `\nactual: ${JSON.stringify(f.actual)}` : ''}`;
        lines.push(
          `      <failure message="${escapeXml(f.message.split('\n')[0] ?? '')}">${escapeXml(detail)}</failure>`,
        );
      } else if (test.status === 'skipped') {
        lines.push(`      <skipped message="${escapeXml(test.skipReason ?? 'skipped')}"/>`);
      }
      if (test.notes.length > 0)
        lines.push(`      <system-out>${escapeXml(test.notes.join('\n'))}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

const COLOURS: Record<string, string> = { passed: '#1a7f37', failed: '#cf222e', skipped: '#6e7781' };

export function yamlToHtml(report: YamlRunReport): string {
  const badge = (status: string) =>
    `<span class="b" style="background:${COLOURS[status] ?? '#6e7781'}">${escapeHtml(status)}</span>`;
  const t = report.summary.tests;
  const files = report.files
    .map((file) => {
      const tests = file.tests
        .map((test) => {
          const f = test.failure;
          return `<details${test.status === 'failed' ? ' open' : ''}><summary>${badge(test.status)} ${escapeHtml(test.name)} <small>${test.durationMs.toFixed(0)} ms</small></summary>
${test.skipReason ? `<p>${escapeHtml(test.skipReason)}</p>` : ''}${
  f
    ? `<p><b>${escapeHtml(f.section)} step ${f.step} (${escapeHtml(f.kind)})</b>: ${escapeHtml(f.message)}${f.expected !== undefined ? `<br>expected: <code>${escapeHtml(JSON.stringify(f.expected))}</code>` : ''}${f.actual !== undefined ? `<br>actual: <code>${escapeHtml(JSON.stringify(f.actual))}</code>` : ''}</p>`
    : ''
}${test.notes.length > 0 ? `<p>notes:</p><pre>${escapeHtml(test.notes.join('\n'))}</pre>` : ''}
<p>transcript (${test.transcript.length} exchanges, credentials redacted)</p>${transcriptHtml(test.transcript)}</details>`;
        })
        .join('\n');
      return `<section><h2>${badge(file.status)} <code>${escapeHtml(file.file)}</code></h2>${file.error ? `<pre>${escapeHtml(file.error)}</pre>` : ''}
${tests}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mlclose YAML REST tests: ${escapeHtml(report.verdict)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#1f2328}.b{color:#fff;border-radius:8px;padding:1px 7px;font-size:12px}pre{background:#f6f8fa;padding:6px;overflow:auto;white-space:pre-wrap}pre.r{background:#fff8c5}code{font-size:12px}details{margin:4px 0 4px 1em}</style></head>
<body><h1>${badge(report.verdict)} Elasticsearch YAML REST tests</h1>
<p>target <code>${escapeHtml(report.target.url)}</code> (version ${escapeHtml(report.target.version ?? 'unknown')}${report.target.embedded ? ', embedded reference server' : ''}; credentials: ${escapeHtml(report.target.credentials)})<br>
${escapeHtml(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s, ${report.requests.count} requests<br>
files: ${report.summary.files.total}; tests: ${t.total} (passed ${t.passed}, failed ${t.failed}, skipped ${t.skipped})${report.interrupted ? '; interrupted' : ''}<br>
${
  report.options.allowedWarningsRegex.length > 0
    ? `warnings allowed in every step: ${escapeHtml(report.options.allowedWarningsRegex.join(', '))}<br>
`
    : ''
}wipe between tests: ${report.wipe.enabled ? escapeHtml(report.wipe.steps.join('; ')) : 'off'}${report.wipe.errors.length > 0 ? `<br>wipe errors: ${escapeHtml(report.wipe.errors.join('; '))}` : ''}</p>
${files}
</body></html>
`;
}

export function yamlJsonReporter(file: string): YamlReporter {
  return { onRunEnd: (report) => writeReportFile(file, yamlToJson(report)) };
}
export function yamlJunitReporter(file: string): YamlReporter {
  return { onRunEnd: (report) => writeReportFile(file, yamlToJunit(report)) };
}
export function yamlHtmlReporter(file: string): YamlReporter {
  return { onRunEnd: (report) => writeReportFile(file, yamlToHtml(report)) };
}

/** Console progress: a line per failed (or, verbose, every) test, then the counts. */
export function yamlConsoleReporter(
  options: { stream?: NodeJS.WritableStream; verbose?: boolean } = {},
): YamlReporter {
  const stream = options.stream ?? process.stdout;
  const write = (text: string) => stream.write(text);
  return {
    onRunStart(info) {
      write(
        `mlclose-conformance yaml: ${info.files} file(s), ${info.tests} test(s) against ${info.target.url}${info.target.embedded ? ' (embedded reference server)' : ''}, version ${info.target.version ?? 'unknown'}\n`,
      );
    },
    onTestEnd(file, result) {
      if (result.status === 'failed' || options.verbose) {
        write(
          `${result.status.toUpperCase().padEnd(7)} ${file} / ${result.name}${result.skipReason ? ` (${result.skipReason})` : ''}\n`,
        );
        if (result.failure)
          write(
            `        ${result.failure.section} step ${result.failure.step} (${result.failure.kind}): ${result.failure.message.split('\n').join('\n        ')}\n`,
          );
      }
      if (options.verbose)
        for (const e of result.transcript)
          write(
            `        > ${e.request.method} ${e.request.url}${e.request.body !== undefined ? ` ${e.request.body}` : ''}\n        < ${e.response ? `${e.response.status} ${e.response.body}` : `error: ${e.error ?? ''}`}\n`,
          );
    },
    onRunEnd(report) {
      const t = report.summary.tests;
      for (const file of report.files) if (file.error) write(`ERROR   ${file.file}: ${file.error}\n`);
      if (!report.wipe.enabled)
        write(
          'note: the target was not wiped (no --allow-destructive): what the tests created and did not tear down is still there\n',
        );
      if (report.options.allowedWarningsRegex.length > 0)
        write(
          `note: every step also allowed warnings matching ${report.options.allowedWarningsRegex.map((r) => `/${r}/`).join(', ')} (--allowed-warnings-regex)\n`,
        );
      write(
        `tests: ${t.total} (passed ${t.passed}, failed ${t.failed}, skipped ${t.skipped}); ${report.requests.count} requests; ${report.verdict}${report.interrupted ? ' (interrupted)' : ''}\n`,
      );
    },
  };
}
