// Helpers to run the built mlclose-server binary (the package's bin, the bundle of src/cli.ts) as a child process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  bin: Record<string, string>;
};
/** The file the package's `mlclose-server` bin names, as npm links it. */
export const CLI = fileURLToPath(new URL(`../${manifest.bin['mlclose-server']!}`, import.meta.url));

/** Runs the package's build (tsc, then the CLI bundle) when the binary is missing. */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
  for (const args of [[tsc, '-p', 'tsconfig.build.json'], ['scripts/bundle-cli.mjs']]) {
    const result = spawnSync(process.execPath, args, { cwd: PACKAGE_DIR, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`build failed: ${result.stdout}${result.stderr}`);
  }
}

/**
 * Spawns the CLI (with Node's own options `nodeArgs` before it) and resolves with the URL from its ready line;
 * `stderr()` answers what the child has written to stderr so far.
 */
export function startCli(
  args: string[],
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; url: string; lines: string[]; stderr: () => string }> {
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /^listening on (http:\/\/\S+)\n/mu.exec(out);
      if (match)
        resolve({ child, url: match[1]!, lines: out.split('\n').filter(Boolean), stderr: () => err });
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}
