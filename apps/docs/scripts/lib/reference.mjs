// Renders the API reference with `redocly build-docs`, through the API alias of the docs' Redocly config (never a
// file path, or the per-API settings would be skipped), with Redoc inlined so the page works offline.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The alias in redocly.docs.yaml. */
export const API_ALIAS = 'mlclose-docs';

/**
 * Lines of Redocly's output that report a problem; its Node.js deprecation banner is not one.
 * @param {string} output
 */
export function redoclyWarnings(output) {
  return output
    .split('\n')
    .filter((line) => /warn|deprecat|unknown|not expected|ignored|must not/i.test(line))
    .filter((line) => !/Node\.js|║|╔|╚/.test(line));
}

/**
 * Runs build-docs; throws when it fails or warns (a config warning means a setting is silently ignored).
 * @param {{ docsRoot: string, config: string, template: string, output: string }} options File paths.
 */
export function renderReference({ docsRoot, config, template, output }) {
  const run = spawnSync(
    path.join(docsRoot, 'node_modules/.bin/redocly'),
    [
      'build-docs',
      API_ALIAS,
      '--config',
      config,
      '--lint-config',
      'error',
      '--inlineBundle',
      '--template',
      template,
      '--output',
      output,
    ],
    {
      cwd: docsRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1', FORCE_COLOR: '0' },
      encoding: 'utf8',
    },
  );
  const log = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.status !== 0) {
    throw new Error(`redocly build-docs failed (exit ${run.status}):\n${log.trim()}`);
  }
  const warnings = redoclyWarnings(log);
  if (warnings.length > 0) throw new Error(`redocly build-docs warned:\n${warnings.join('\n')}`);
  return log;
}
