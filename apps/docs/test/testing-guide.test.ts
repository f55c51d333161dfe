// Runs the two test suites of the guide "Test your ML automation without a cluster", exactly as printed: the
// Python one with unittest on Debian's python3-elasticsearch, the TypeScript one compiled with tsc and run with
// `node --test`. Each starts its own mlclose-server from the PATH, as the guide tells readers to.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifacts, docsRoot } from './support/paths.js';
import { runChild } from './support/run-child.js';
import { compileProject } from './support/typescript.js';
import { DEBIAN_PYTHON } from './support/samples-run.js';

const require = createRequire(import.meta.url);
const guide = readFileSync(path.join(docsRoot, 'content/guides/testing-without-a-cluster.md'), 'utf8');
const work = path.join(artifacts, 'testing-guide');

/** The one fenced block of `lang` in the guide. */
function block(lang: string): string {
  const blocks = [...guide.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
  expect(blocks, lang).toHaveLength(1);
  return blocks[0]!;
}

/** A PATH on which `mlclose-server` is this repository's reference server, as node_modules/.bin makes it. */
function pathWithServer(): string {
  const bin = path.join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  const manifest = require.resolve('@mlclose/server/package.json');
  const { bin: bins } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  const cli = path.join(path.dirname(manifest), bins['mlclose-server']!);
  const shim = path.join(bin, 'mlclose-server');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
  chmodSync(shim, 0o755);
  return `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`;
}

async function run(file: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  const result = await runChild(file, args, { cwd, env: { ...process.env, PATH: pathWithServer() } });
  // A signal is a failure too.
  return { code: result.code ?? 1, output: `${result.stdout}${result.stderr}` };
}

async function runPythonSuite(source: string) {
  const dir = path.join(work, 'python');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'test_automation.py'), source);
  return run(DEBIAN_PYTHON, ['-m', 'unittest', '-v', 'test_automation'], dir);
}

/**
 * The guide's TypeScript suite compiled once (tsc's CPU is most of this file's): the suite that shows the
 * assertions bite is the compiled one with one statement changed, which tsc emits as written.
 */
let compiled: ReturnType<typeof compileProject> | undefined;
function compiledSuite() {
  // Under apps/docs, so that @elastic/elasticsearch resolves from the docs' dependencies.
  compiled ??= compileProject(
    'testing-guide/typescript',
    {
      'automation.test.ts': block('ts'),
      'package.json': JSON.stringify({ type: 'module', private: true }),
    },
    { outDir: 'out' },
  );
  return compiled;
}

/** Runs the compiled suite, or a copy of it with the statement `change[0]` replaced by `change[1]`. */
async function runTypeScriptSuite(change?: readonly [string, string]) {
  const tsc = compiledSuite();
  if (tsc.status !== 0) return { code: tsc.status ?? 1, output: `tsc: ${tsc.output}` };
  let file = path.join(tsc.dir, 'out/automation.test.js');
  if (change) {
    const js = readFileSync(file, 'utf8');
    expect(js.split(change[0]), `the compiled suite has '${change[0]}' once`).toHaveLength(2);
    file = path.join(tsc.dir, 'out/automation-changed.test.js');
    writeFileSync(file, js.replace(change[0], change[1]));
  }
  return run(process.execPath, ['--test', '--test-reporter=tap', file], tsc.dir);
}

describe('the guide "Test your ML automation without a cluster"', () => {
  it('its Python suite passes on Elastic Python client 7.17 against mlclose-server', async () => {
    const { code, output } = await runPythonSuite(block('python'));
    expect(output).toMatch(/Ran 2 tests/);
    expect(output).toMatch(/\nOK\s*$/);
    expect(code).toBe(0);
  });

  it('its TypeScript suite compiles and passes on @elastic/elasticsearch against mlclose-server', async () => {
    const { code, output } = await runTypeScriptSuite();
    expect(output).toMatch(/# pass 2\b/);
    expect(output).toMatch(/# fail 0\b/);
    expect(code).toBe(0);
  });

  it('each suite fails when what it asserts is not so', async () => {
    const python = await runPythonSuite(
      block('python').replace(
        'self.assertEqual(self.state("requests"), "closed")',
        'self.assertEqual(self.state("requests"), "opened")',
      ),
    );
    expect(python.output).toMatch(/FAILED \(failures=1\)/);
    expect(python.code).not.toBe(0);
    const ts = await runTypeScriptSuite([
      "assert.equal(await state('requests'), 'closed');",
      "assert.equal(await state('requests'), 'opened');",
    ]);
    expect(ts.output).toMatch(/# fail 1\b/);
    expect(ts.code).not.toBe(0);
  });
});
