import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReadmeCommands } from '../src/readme-commands.js';
import { listWorkspacePackages, repoRoot, type WorkspacePackage } from '../src/workspace.js';

const packages = listWorkspacePackages();
const readmes = ['README.md', ...packages.map((pkg) => `${pkg.dir}/README.md`)].filter((file) =>
  existsSync(join(repoRoot, file)),
);

describe("README commands run the packages' bins", () => {
  it.each(readmes)('%s', (file) => {
    expect(checkReadmeCommands(file, readFileSync(join(repoRoot, file), 'utf8'), packages)).toEqual([]);
  });

  it('the root README runs at least one bin by path, so the check above reads something', () => {
    const markdown = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(markdown).toMatch(/^node packages\/server\//mu);
  });

  const fake: WorkspacePackage[] = [
    {
      dir: 'packages/server',
      manifest: { name: '@x/server', version: '1.0.0', bin: { 'x-server': './dist/x-server.cjs' } },
    },
    { dir: 'packages/lib', manifest: { name: '@x/lib', version: '1.0.0' } },
  ];

  it('accepts a command that runs a bin, with or without arguments', () => {
    const markdown =
      '```sh\nnode packages/server/dist/x-server.cjs --port 0\nnode packages/server/dist/x-server.cjs\n```';
    expect(checkReadmeCommands('R.md', markdown, fake)).toEqual([]);
  });

  it('names a command whose file is not a bin any more, one without bins, and an unknown package', () => {
    const markdown = [
      'node packages/server/dist/x-server.js --port 0',
      'node packages/lib/dist/index.js',
      'node packages/gone/dist/cli.js',
      '  node packages/server/dist/indented-is-prose.js',
    ].join('\n');
    expect(checkReadmeCommands('R.md', markdown, fake)).toEqual([
      "R.md: 'node packages/server/dist/x-server.js' runs no bin of @x/server (its bins: ./dist/x-server.cjs)",
      "R.md: 'node packages/lib/dist/index.js' runs no bin of @x/lib (its bins: none)",
      "R.md: 'node packages/gone/dist/cli.js' names no workspace package packages/gone",
    ]);
  });
});
