import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startUpEnvironmentNotes } from '../src/start-up-environment.js';

const dir = mkdtempSync(join(tmpdir(), 'mlclose-bench-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startUpEnvironmentNotes', () => {
  it.each([
    { description: 'nothing when NODE_EXTRA_CA_CERTS is not set', env: {} },
    { description: 'nothing when it is empty (Node ignores it)', env: { NODE_EXTRA_CA_CERTS: '' } },
  ])('$description', ({ env }) => {
    expect(startUpEnvironmentNotes(env)).toEqual([]);
  });

  it("names the variable and the file's size, never its path", () => {
    const file = join(dir, 'extra-ca.pem');
    writeFileSync(file, 'x'.repeat(1234));
    const notes = startUpEnvironmentNotes({ NODE_EXTRA_CA_CERTS: file });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('NODE_EXTRA_CA_CERTS is set (a file of 1,234 bytes)');
    expect(notes[0]).not.toContain(dir);
  });

  it('still notes a file that cannot be read: Node tries to read it all the same', () => {
    const [note] = startUpEnvironmentNotes({ NODE_EXTRA_CA_CERTS: join(dir, 'missing.pem') });
    expect(note).toContain('NODE_EXTRA_CA_CERTS is set (a file that could not be read)');
  });
});
