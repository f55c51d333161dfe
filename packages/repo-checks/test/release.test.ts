import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { checkVersionSync } from '../src/version-sync.js';
import {
  listWorkspacePackages,
  publishablePackages,
  readChangesetConfig,
  readSpecVersion,
  repoRoot,
} from '../src/workspace.js';

const require = createRequire(join(repoRoot, 'package.json'));
const changesetBin = join(dirname(require.resolve('@changesets/cli/package.json')), 'bin.js');
const scratch = mkdtempSync(join(tmpdir(), 'mlclose-release-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of what `changeset version` reads and writes: manifests, the changesets folder and the spec. */
function copyWorkspace(): string {
  const target = join(scratch, 'repo');
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'spec/openapi.yaml']) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(target, file));
  }
  cpSync(join(repoRoot, '.changeset'), join(target, '.changeset'), { recursive: true });
  for (const pkg of listWorkspacePackages()) {
    mkdirSync(join(target, pkg.dir), { recursive: true });
    cpSync(join(repoRoot, pkg.dir, 'package.json'), join(target, pkg.dir, 'package.json'));
    mkdirSync(join(target, pkg.dir, 'scripts'), { recursive: true });
  }
  cpSync(
    join(repoRoot, 'packages/schema/scripts/sync-spec-version.mjs'),
    join(target, 'packages/schema/scripts/sync-spec-version.mjs'),
  );
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: target });
  return target;
}

describe('release steps (dry run; nothing is published)', () => {
  it('changeset status accepts the pending changesets', () => {
    const result = spawnSync(process.execPath, [changesetBin, 'status'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status, result.stderr + result.stdout).toBe(0);
  });

  it('changeset version bumps every publishable package together, writes changelogs, then the spec follows', () => {
    const pending = readFileSync(join(repoRoot, '.changeset/config.json'), 'utf8');
    expect(pending).toContain('"fixed"');
    const copy = copyWorkspace();
    const before = readSpecVersion(copy);
    const result = spawnSync(process.execPath, [changesetBin, 'version'], { cwd: copy, encoding: 'utf8' });
    expect(result.status, result.stderr + result.stdout).toBe(0);

    const bumped = publishablePackages(copy);
    const versions = new Set(bumped.map((p) => p.manifest.version));
    expect(versions.size).toBe(1);
    const [version] = [...versions];
    expect(version).not.toBe(before);
    for (const pkg of bumped) expect(existsSync(join(copy, pkg.dir, 'CHANGELOG.md')), pkg.dir).toBe(true);
    // Private packages are not versioned.
    for (const pkg of listWorkspacePackages(copy).filter((p) => p.manifest.private)) {
      expect(pkg.manifest.version).toBe('0.1.0');
    }

    // Until the spec follows, the version-sync check fails; after the sync step it passes.
    const fixed = readChangesetConfig(copy).fixed ?? [];
    expect(
      checkVersionSync({ publishable: bumped, fixed, specVersion: readSpecVersion(copy) }).length,
    ).toBeGreaterThan(0);
    execFileSync(process.execPath, [join(copy, 'packages/schema/scripts/sync-spec-version.mjs'), copy]);
    expect(readSpecVersion(copy)).toBe(version);
    expect(checkVersionSync({ publishable: bumped, fixed, specVersion: readSpecVersion(copy) })).toEqual([]);
  });

  it('pnpm publish -r --dry-run packs every publishable package with its built files only', () => {
    const result = spawnSync('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    const output = result.stdout + result.stderr;
    for (const pkg of publishablePackages()) {
      const start = output.indexOf(`📦  ${pkg.manifest.name}@`);
      expect(start, `${pkg.manifest.name} was packed`).toBeGreaterThanOrEqual(0);
      const block = output.slice(start, output.indexOf('Tarball Details', start));
      const files = [...block.matchAll(/npm notice [\d.]+k?B (\S+)/g)].map((match) => match[1]);
      expect(files, pkg.manifest.name).toContain('dist/index.js');
      expect(files, pkg.manifest.name).toContain('dist/index.d.ts');
      expect(files, pkg.manifest.name).toContain('README.md');
      expect(
        files.filter((file) => /^(src|test)\/|\.map$|\.test\./.test(file ?? '')),
        pkg.manifest.name,
      ).toEqual([]);
      for (const bin of Object.values(typeof pkg.manifest.bin === 'object' ? pkg.manifest.bin : {})) {
        expect(files, `${pkg.manifest.name} bin`).toContain(bin.replace(/^\.\//, ''));
      }
    }
  });
});
