// The cold-import child (src/child/import.ts) must stop its clock before anything it does after the import, and
// must not build process.stdout at all: the stream's lazy getter costs milliseconds, which an earlier version
// charged to every import it measured. Nothing here looks at how long anything took.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const child = fileURLToPath(new URL('../dist/child/import.js', import.meta.url));
const EMPTY_MODULE = 'data:text/javascript,export{}';

/** Preloaded into the child: the first read of process.stdout fails the process, saying so on stderr. */
const TRAP = `data:text/javascript,${encodeURIComponent(`
const { getOwnPropertyDescriptor, defineProperty } = Object;
const original = getOwnPropertyDescriptor(process, 'stdout');
defineProperty(process, 'stdout', {
  configurable: true,
  get() {
    defineProperty(process, 'stdout', original);
    process.stderr.write('process.stdout was read\\n');
    process.exit(70);
  },
});
`)}`;

describe('the cold-import child', () => {
  it('is built', () => {
    expect(existsSync(child), `${child} is missing: run \`pnpm build\` in apps/bench first`).toBe(true);
  });

  it('prints one number of milliseconds without ever building process.stdout', async () => {
    const { stdout, stderr } = await run(process.execPath, ['--import', TRAP, child, EMPTY_MODULE]);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^\d+(\.\d+)?(e-?\d+)?$/);
    expect(Number(stdout)).toBeGreaterThan(0);
  });

  it('imports every specifier it is given, and fails when one cannot be imported', async () => {
    const says = (text: string) =>
      `data:text/javascript,${encodeURIComponent(`process.stderr.write(${JSON.stringify(text)})`)}`;
    const both = await run(process.execPath, [child, says('first;'), says('second;')]);
    expect(both.stderr.split(';').sort()).toEqual(['', 'first', 'second']);
    const missing = pathToFileURL(
      join(fileURLToPath(new URL('.', import.meta.url)), 'does-not-exist.js'),
    ).href;
    const failed = run(process.execPath, [child, EMPTY_MODULE, missing]);
    await expect(failed).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('does-not-exist.js'),
    });
  });

  it('the trap is real: a child that writes through process.stdout is stopped by it', async () => {
    const script = `data:text/javascript,${encodeURIComponent('process.stdout.write("1")')}`;
    const failed = run(process.execPath, [
      '--import',
      TRAP,
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(script)})`,
    ]);
    await expect(failed).rejects.toMatchObject({ code: 70, stderr: 'process.stdout was read\n' });
  });
});
