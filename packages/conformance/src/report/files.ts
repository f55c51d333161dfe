// File reporters: JSON (schema: ../../report-schema.json), JUnit XML, and a self-contained HTML page.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Exchange } from '../http.js';
import type { Reporter, RunReport } from './types.js';

/** Writes a report file, creating its directory. */
export async function writeReportFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
}

export function toJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function jsonReporter(file: string): Reporter {
  return { onRunEnd: (report) => writeReportFile(file, toJson(report)) };
}

/** Text escaped for an XML attribute or element. */
export function escapeXml(value: string): string {
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these control characters.
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '')
  );
}

export function toJunit(report: RunReport): string {
  const c = report.summary.checks;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mlclose-conformance" tests="${c.total}" failures="${c.failed ?? 0}" skipped="${c.skipped ?? 0}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="close-job conformance" tests="${c.total}" failures="${c.failed ?? 0}" skipped="${c.skipped ?? 0}" time="${(report.durationMs / 1000).toFixed(3)}" timestamp="${report.startedAt}">`,
    '    <properties>',
    `      <property name="runId" value="${escapeXml(report.runId)}"/>`,
    `      <property name="seed" value="${report.seed}"/>`,
    `      <property name="target" value="${escapeXml(report.target.url)}"/>`,
    `      <property name="targetVersion" value="${escapeXml(report.target.version ?? '')}"/>`,
    `      <property name="verdict" value="${report.verdict}"/>`,
    `      <property name="notRun" value="${report.notRun}"/>`,
    '    </properties>',
  ];
  for (const check of report.checks) {
    const name = `${check.id} [${check.requirements.join(', ')}]`;
    lines.push(
      `    <testcase classname="${escapeXml(check.id.split('/')[0] ?? 'check')}" name="${escapeXml(name)}" time="${(check.durationMs / 1000).toFixed(3)}">`,
    );
    if (check.status === 'failed') {
      const message = check.failures.map((f) => `[${f.requirements.join(',')}] ${f.message}`).join('\n');
      lines.push(
        `      <failure message="${escapeXml(check.failures[0]?.message ?? 'failed')}">${escapeXml(`${message}\n\nreplay: ${check.replay ?? ''}`)}</failure>`,
      );
    } else if (check.status === 'skipped') {
      lines.push(`      <skipped message="${escapeXml(check.skipReason ?? 'skipped')}"/>`);
    } else if (check.status === 'warned') {
      lines.push(
        `      <system-out>${escapeXml(`unverified requirement(s) failed, reported only:\n${check.failures.map((f) => `[${f.requirements.join(',')}] ${f.message}`).join('\n')}`)}</system-out>`,
      );
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

export function junitReporter(file: string): Reporter {
  return { onRunEnd: (report) => writeReportFile(file, toJunit(report)) };
}

/** Text escaped for HTML. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Request/response pairs as HTML, one <pre> each side (already redacted by the HTTP layer). */
export function transcriptHtml(exchanges: readonly Exchange[]): string {
  return exchanges
    .map(
      (e) =>
        `<pre>${escapeHtml(
          `${e.request.method} ${e.request.url}\n${Object.entries(e.request.headers)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n')}${e.request.body !== undefined ? `\n\n${e.request.body}` : ''}`,
        )}</pre><pre class="r">${escapeHtml(
          e.response
            ? `${e.response.status}\n${Object.entries(e.response.headers)
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n')}\n\n${e.response.body}`
            : `error: ${e.error ?? ''}`,
        )}</pre>`,
    )
    .join('');
}

const COLOURS: Record<string, string> = {
  passed: '#1a7f37',
  failed: '#cf222e',
  warned: '#9a6700',
  skipped: '#6e7781',
  inconclusive: '#8250df',
  'not-covered': '#6e7781',
  'not-run': '#6e7781',
};

export function toHtml(report: RunReport): string {
  const badge = (status: string) =>
    `<span class="b" style="background:${COLOURS[status] ?? '#6e7781'}">${escapeHtml(status)}</span>`;
  const rows = report.requirements
    .map(
      (req) =>
        `<tr><td><code>${escapeHtml(req.id)}</code></td><td>${badge(req.status)}</td><td>${escapeHtml(req.reach)}${req.verified ? '' : ' (unverified)'}</td><td>${escapeHtml(req.statement)}</td><td>${req.checks.length === 0 ? '—' : `<details><summary>${req.checks.length} check(s)</summary>${req.checks.map((c) => `${badge(c.status)} <code>${escapeHtml(c.id)}</code>`).join('<br>')}</details>`}</td></tr>`,
    )
    .join('\n');
  const failures = report.checks
    .filter((check) => check.status === 'failed' || check.status === 'warned')
    .map(
      (
        check,
      ) => `<section><h3>${badge(check.status)} <code>${escapeHtml(check.id)}</code></h3><p>${escapeHtml(check.title)}</p>
<ul>${check.failures.map((f) => `<li><b>[${escapeHtml(f.requirements.join(', '))}]</b> ${escapeHtml(f.message)}${f.expected !== undefined ? `<br>expected: <code>${escapeHtml(JSON.stringify(f.expected))}</code>` : ''}${f.actual !== undefined ? `<br>actual: <code>${escapeHtml(JSON.stringify(f.actual))}</code>` : ''}</li>`).join('')}</ul>
${check.notes.length ? `<p>notes:</p><pre>${escapeHtml(check.notes.join('\n'))}</pre>` : ''}
<p>replay: <code>${escapeHtml(check.replay ?? '')}</code></p>
<details><summary>transcript (${check.transcript?.length ?? 0} exchanges, credentials redacted)</summary>${transcriptHtml(check.transcript ?? [])}</details></section>`,
    )
    .join('\n');
  const c = report.summary.checks;
  const r = report.summary.requirements;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mlclose conformance: ${escapeHtml(report.verdict)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#1f2328}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}.b{color:#fff;border-radius:8px;padding:1px 7px;font-size:12px}pre{background:#f6f8fa;padding:6px;overflow:auto;white-space:pre-wrap}pre.r{background:#fff8c5}code{font-size:12px}</style></head>
<body><h1>${badge(report.verdict === 'conformant' ? 'passed' : report.verdict === 'incomplete' ? 'skipped' : 'failed')} close-job conformance: ${escapeHtml(report.verdict)}</h1>
<p>target <code>${escapeHtml(report.target.url)}</code> (version ${escapeHtml(report.target.version ?? 'unknown')}${report.target.embedded ? ', embedded reference server' : ''}; test control: ${report.target.testControl ? escapeHtml(report.target.capabilities.join(', ')) : 'none'}; credentials: ${escapeHtml(report.target.credentials)})<br>
run <code>${escapeHtml(report.runId)}</code>, seed <code>${report.seed}</code>, ${escapeHtml(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s, ${report.requests.count} requests (${report.requests.perSecond}/s)<br>
checks: ${c.total} (passed ${c.passed ?? 0}, failed ${c.failed ?? 0}, warned ${c.warned ?? 0}, skipped ${c.skipped ?? 0}, not run ${report.notRun}); requirements: ${r.total} (passed ${r.passed ?? 0}, failed ${r.failed ?? 0}, warned ${r.warned ?? 0}, skipped ${r.skipped ?? 0}, not covered ${r['not-covered'] ?? 0})<br>
replay: <code>${escapeHtml(report.replay)}</code></p>
<h2>Requirements</h2><table><thead><tr><th>id</th><th>outcome</th><th>reach</th><th>statement</th><th>checks</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Failures</h2>${failures || '<p>None.</p>'}
</body></html>
`;
}

export function htmlReporter(file: string): Reporter {
  return { onRunEnd: (report) => writeReportFile(file, toHtml(report)) };
}
