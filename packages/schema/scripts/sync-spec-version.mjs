#!/usr/bin/env node
// Writes the packages' version (from packages/schema/package.json, the fixed release group's version) into
// spec/openapi.yaml's info.version. Part of the release steps, after `changeset version`; run `pnpm generate`
// afterwards. Usage: node sync-spec-version.mjs [REPO_ROOT]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../../..'));
const { version } = JSON.parse(readFileSync(join(root, 'packages/schema/package.json'), 'utf8'));
const specPath = join(root, 'spec/openapi.yaml');
const text = readFileSync(specPath, 'utf8');
const pattern = /^(info:\n(?:(?: {2}.*)?\n)*? {2}version: *)(\S+)$/m;
if (!pattern.test(text)) {
  console.error(`sync-spec-version: no info.version in ${specPath}`);
  process.exit(1);
}
writeFileSync(specPath, text.replace(pattern, `$1${version}`));
console.log(`spec info.version is now ${version}`);
