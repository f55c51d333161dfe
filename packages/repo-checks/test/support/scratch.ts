// What the tests of the repository scripts (typecheck.mjs, lint-packages.mjs) share: small repositories written into
// a temporary folder that is removed after the test file, and the output a script's `main` prints.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { Output } from '../../scripts/workspace.mjs';

/**
 * A temporary folder for this test file, removed after it, and the function that writes a repository into it:
 * `files` maps paths to contents (objects are written as JSON). Call it at the top of a test file.
 */
export function scratchRepos(prefix: string): {
  scratch: string;
  repo(name: string, files: Record<string, string | object>): string;
} {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  return {
    scratch,
    repo(name, files) {
      const root = join(scratch, name);
      for (const [path, content] of Object.entries(files)) {
        const file = join(root, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      }
      return root;
    },
  };
}

/** An `Output` for a script's `main` that keeps what it prints. */
export function capturedOutput(): { io: Output; stdout(): string; stderr(): string } {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
