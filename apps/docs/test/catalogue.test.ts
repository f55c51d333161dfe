import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { REQUIREMENTS } from '@mlclose/schema';
import { scanCitations } from '../scripts/lib/coverage.mjs';
import { parseChangeset } from '../scripts/lib/changelog.mjs';
import { sourceText } from '../scripts/lib/pages.mjs';
import { checkSelfContained } from '../scripts/lib/self-contained.mjs';
import { dist, requireBuiltSite } from './support/paths.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlclose-docs-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, text: string) {
  const file = path.join(tmp, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('requirement citations', () => {
  it('finds each ID once per file, with the line of its first citation, and skips node_modules', () => {
    write(
      'packages/a/test/x.test.ts',
      "it('CJ-MATCH-001 ...', () => {});\n// CJ-MATCH-001 again\n// CJ-EXPAND-004",
    );
    write('packages/a/test/deep/y.test.ts', '\n\n// covers CJ-MATCH-001');
    write('packages/a/test/node_modules/z.ts', '// CJ-STATE-001');
    write('packages/a/src/not-a-test.ts', '// CJ-STATE-002');
    const cites = scanCitations(tmp);
    expect(cites.get('CJ-MATCH-001')).toEqual([
      { file: 'packages/a/test/deep/y.test.ts', line: 3 },
      { file: 'packages/a/test/x.test.ts', line: 1 },
    ]);
    expect(cites.get('CJ-EXPAND-004')).toEqual([{ file: 'packages/a/test/x.test.ts', line: 3 }]);
    expect(cites.has('CJ-STATE-001')).toBe(false);
    expect(cites.has('CJ-STATE-002')).toBe(false);
  });

  it('also scans the conformance suite source', () => {
    write('packages/conformance/src/checks/match.ts', "check('CJ-MATCH-002', ...)");
    expect(scanCitations(tmp).get('CJ-MATCH-002')).toEqual([
      { file: 'packages/conformance/src/checks/match.ts', line: 1 },
    ]);
  });
});

describe('changesets', () => {
  it('reads the packages, bumps and summary', () => {
    expect(
      parseChangeset('---\n\'@mlclose/schema\': minor\n"@mlclose/client": patch\n---\n\nFirst release.\n'),
    ).toEqual({
      releases: [
        { name: '@mlclose/schema', type: 'minor' },
        { name: '@mlclose/client', type: 'patch' },
      ],
      summary: 'First release.',
    });
  });

  it('rejects a file without front matter', () => {
    expect(() => parseChangeset('just text')).toThrow(/front matter/);
  });

  it('reads an empty changeset (changeset --empty): no packages, a summary', () => {
    expect(parseChangeset('---\n---\n\nA change that releases nothing.\n')).toEqual({
      releases: [],
      summary: 'A change that releases nothing.',
    });
  });
});

describe('self-containment check', () => {
  it('flags scripts, stylesheets, images and CSS urls from another origin, but not plain links', () => {
    const dir = path.join(tmp, 'site');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'a.html'),
      '<script src="https://cdn.example.com/x.js"></script><link rel="stylesheet" href="//fonts.example.com/f.css"><img src="https://img.example.com/i.png"><a href="https://example.com/">ok</a><script src="local.js"></script>',
    );
    writeFileSync(
      path.join(dir, 'b.css'),
      '@import "https://x.example.com/y.css"; a { background: url(local.png) }',
    );
    const problems = checkSelfContained(dir);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).not.toMatch(/example\.com\/"|local/);
  });

  it('passes on the built site', () => {
    requireBuiltSite();
    expect(checkSelfContained(dist)).toEqual([]);
  });
});

describe('the built requirement catalogue', () => {
  it('lists every requirement of the spec, each either linked to tests or marked not yet covered', () => {
    requireBuiltSite();
    const html = readFileSync(path.join(dist, 'requirements.html'), 'utf8');
    for (const req of REQUIREMENTS) {
      const row = new RegExp(`<tr id="${req.id}">([\\s\\S]*?)</tr>`).exec(html);
      expect(row, req.id).not.toBeNull();
      expect(row![1]).toMatch(/<ul class="cites">|not yet covered/);
    }
  });
});

/** The section sign, written as an escape: these tests are about its absence. */
const SECTION = '\u00a7';

describe('requirement sources on the catalogue page', () => {
  it.each([
    { given: 'ExpandedIdsMatcher', want: 'Elasticsearch: ExpandedIdsMatcher' },
    {
      given: 'TimeValue.parseTimeValue, RestController',
      want: 'Elasticsearch: TimeValue.parseTimeValue, RestController',
    },
    { given: 'docs', want: "Elastic's docs" },
    { given: 'supporting', want: 'Supporting APIs' },
  ])('$given is shown as $want, never as a section', ({ given, want }) => {
    expect(sourceText(given)).toBe(want);
  });

  it.each([`blog ${SECTION}1`, `behaviour ${SECTION}2.4`, 'see the reference'])(
    'fails on a source it does not know (%s), rather than printing it',
    (given) => {
      expect(() => sourceText(given)).toThrow(/unknown requirement source/);
    },
  );

  it('the built catalogue cites no section of the outside behaviour reference', () => {
    requireBuiltSite();
    const page = readFileSync(path.join(dist, 'requirements.html'), 'utf8');
    expect(page).not.toContain(SECTION);
    expect(page).not.toContain('close-job-behaviour');
  });
});
