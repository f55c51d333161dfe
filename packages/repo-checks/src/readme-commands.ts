// A README command that runs a package's built file by path (`node packages/server/dist/….cjs …`) must run one of
// that package's bins, as its manifest names it: that is the file users get. A bin that moves (the server's bin
// became `.cjs`) would otherwise leave a README command that fails.
import type { WorkspacePackage } from './workspace.js';

/** `node <group>/<name>/<path>` at the start of a line, as the READMEs' shell blocks write it. */
const NODE_COMMAND = /^node ((?:packages|apps)\/[^/\s]+)\/(\S+)/gmu;

/** The problems of the `node <package path>` commands in `markdown` (named `file` in the messages). */
export function checkReadmeCommands(
  file: string,
  markdown: string,
  packages: readonly WorkspacePackage[],
): string[] {
  const problems: string[] = [];
  for (const [, dir, path] of markdown.matchAll(NODE_COMMAND)) {
    const pkg = packages.find((candidate) => candidate.dir === dir);
    if (pkg === undefined) {
      problems.push(`${file}: 'node ${dir}/${path}' names no workspace package ${dir}`);
      continue;
    }
    const bin = pkg.manifest.bin;
    const bins = typeof bin === 'string' ? [bin] : Object.values(bin ?? {});
    if (!bins.some((target) => target.replace(/^\.\//u, '') === path))
      problems.push(
        `${file}: 'node ${dir}/${path}' runs no bin of ${pkg.manifest.name} (its bins: ${bins.join(', ') || 'none'})`,
      );
  }
  return problems;
}
