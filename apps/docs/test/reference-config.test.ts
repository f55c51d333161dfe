// The reference build must not ignore its Redocly configuration: a config problem fails the build.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redoclyWarnings, renderReference } from '../scripts/lib/reference.mjs';
import { dist, docsRoot, requireBuiltSite } from './support/paths.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlclose-docs-redocly-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The docs' own config, pointed at the built spec copy by absolute path, plus `extra` lines. */
function config(name: string, extra = ''): string {
  const text = readFileSync(path.join(docsRoot, 'redocly.docs.yaml'), 'utf8').replace(
    'root: dist/openapi.json',
    `root: ${path.join(dist, 'openapi.json')}`,
  );
  const file = path.join(tmp, name);
  writeFileSync(file, text + extra);
  return file;
}

function render(configFile: string) {
  const template = path.join(tmp, 'page.hbs');
  writeFileSync(
    template,
    '<!DOCTYPE html><html><head>{{{redocHead}}}</head><body>{{{redocHTML}}}</body></html>',
  );
  const output = path.join(tmp, `${path.basename(configFile)}.html`);
  renderReference({ docsRoot, config: configFile, template, output });
  return output;
}

describe('the reference build', () => {
  it('renders with the docs config', () => {
    requireBuiltSite();
    const output = render(config('good.yaml'));
    expect(existsSync(output)).toBe(true);
    expect(readFileSync(output, 'utf8')).toContain('Close anomaly detection jobs');
  });

  it('fails on an unknown Redoc option instead of ignoring it', () => {
    requireBuiltSite();
    expect(() => render(config('unknown-option.yaml', '  hideEverything: true\n'))).toThrow(
      /redocly build-docs (failed|warned)/,
    );
  });

  it('fails on an unknown per-API setting', () => {
    requireBuiltSite();
    const file = config('unknown-api-setting.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    root:', '    rooot: x\n    root:'));
    expect(() => render(file)).toThrow(/redocly build-docs (failed|warned)/);
  });

  it('treats warnings in the output as errors, but not the Node.js deprecation banner', () => {
    const banner = '║  Deprecation warning: Node.js 20 support is ending   ║';
    expect(redoclyWarnings(`${banner}\n🎉 bundled successfully`)).toEqual([]);
    expect(redoclyWarnings(`${banner}\nWarning: property \`foo\` is not expected here.`)).toHaveLength(1);
  });
});
