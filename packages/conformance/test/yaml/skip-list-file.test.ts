// The skip list shipped for Elastic's job-lifecycle YAML tests (yaml-skips/elastic-ml-lifecycle.yml) parses in
// the runner's --skip-list format, and each entry names one file and one test with a reason.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSkip, parseSkipList } from '../../src/yaml/skip-list.js';

const file = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'yaml-skips',
  'elastic-ml-lifecycle.yml',
);

describe('yaml-skips/elastic-ml-lifecycle.yml', () => {
  it('parses, and every entry names a file and a test with a reason saying what the test needs', async () => {
    const entries = parseSkipList(await readFile(file, 'utf8'), file);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.file).toMatch(/^(ml|machine_learning)\/[a-z_]+\.yml$/);
      expect(entry.test).toBeDefined();
      expect(entry.test).not.toContain('*');
      expect(entry.reason).toMatch(/^needs (a 7\.x server|a real model's output) \(.+\)$/);
    }
    const keys = entries.map((e) => `${e.file}/${e.test}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('skips a listed test by its exact name only, in the named file only', async () => {
    const entries = parseSkipList(await readFile(file, 'utf8'), file);
    const listed = entries[0]!;
    expect(findSkip(entries, `some/dir/${listed.file!}`, listed.test)).toBe(listed);
    expect(findSkip(entries, `some/dir/${listed.file!}`, `${listed.test!} and more`)).toBeUndefined();
    expect(findSkip(entries, 'other/file.yml', listed.test)).toBeUndefined();
  });
});
