import { describe, expect, it } from 'vitest';
import { runChild } from './support/run-child.js';

/** A child that says whether its stdin is a device (/dev/null) or a stream (a pipe), without reading it. */
const STDIN_KIND =
  "process.stdout.write(require('node:fs').fstatSync(0).isCharacterDevice() ? 'device' : 'stream')";

describe('runChild', () => {
  it('gives a child without input /dev/null, not an empty pipe it may exit before reading', async () => {
    const result = await runChild(process.execPath, ['-e', STDIN_KIND]);
    expect(result).toMatchObject({ code: 0, stdout: 'device' });
  });

  it('pipes the input it is given', async () => {
    const echo = "process.stdin.setEncoding('utf8').on('data', (c) => process.stdout.write(c))";
    expect(await runChild(process.execPath, ['-e', echo], { stdin: 'sample' })).toMatchObject({
      code: 0,
      stdout: 'sample',
    });
  });

  it('fails a child that exits 0 without reading the input it was given', async () => {
    // More than a pipe's buffer, so the write cannot finish before the child exits.
    await expect(
      runChild(process.execPath, ['-e', 'process.exit(0)'], { stdin: 'x'.repeat(4 << 20) }),
    ).rejects.toThrow(/exited 0 without reading its stdin/);
  });
});
