import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = resolve(import.meta.dirname, '..');
const committed = join(packageDir, 'src/generated');
const scratch = mkdtempSync(join(tmpdir(), 'mlclose-drift-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generated files', () => {
  // Regenerate into a scratch folder (never over the committed files) and compare.
  execFileSync(process.execPath, [join(packageDir, 'scripts/generate.mjs'), '--out', scratch], {
    stdio: 'pipe',
  });
  const files = readdirSync(scratch).sort();

  it('regeneration produces the same set of files', () => {
    expect(readdirSync(committed).sort()).toEqual(files);
  });

  it.each(files)('%s is what the spec generates (run `pnpm generate` and commit the result)', (file) => {
    expect(readFileSync(join(committed, file), 'utf8')).toBe(readFileSync(join(scratch, file), 'utf8'));
  });

  it.each(files.filter((file) => file.endsWith('.ts')))('%s says it is generated', (file) => {
    expect(readFileSync(join(committed, file), 'utf8')).toMatch(
      /^\/\/ This file is generated .*\n\/\/ Do not edit it by hand/,
    );
  });
});
