// The Ruby and PHP samples cannot run on a real client here (Debian's ruby-elasticsearch 7.17 has no `ml`
// namespace, Elastic's PHP client is not packaged). Each is checked with `ruby -c` / `php -l`, then run against
// a stand-in client that knows only the methods and parameters the clients document
// (test/fixtures/client-api.json): the call a sample makes must be the console request's API, with its path
// parts, query parameters and body. One Ruby and one PHP process run every sample of their language, each sample in
// a scope of its own: measured alone, this file took 6.9-9.2 s of CPU, against 12.6-12.8 s with a process per sample.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import { operationFor, parseConsole } from '../scripts/lib/examples.mjs';
import { artifacts, docsRoot } from './support/paths.js';
import { runChild, type ChildResult } from './support/run-child.js';
import { exampleCases, useLineRunner } from './support/samples-run.js';

const fixture = path.join(docsRoot, 'test/fixtures/client-api.json');
const cases = exampleCases();

/** Runs `file args…` in the docs root, stdin /dev/null; an early exit shows in the code and stderr. */
function run(file: string, args: string[]): Promise<ChildResult> {
  return runChild(file, args, { cwd: docsRoot });
}

/** Checks syntax with `ruby -c` or `php -l` on a file, as a reader's editor or CI would. */
async function syntax(language: 'ruby' | 'php', name: string, source: string) {
  const dir = path.join(artifacts, 'ruby-php');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.${language === 'ruby' ? 'rb' : 'php'}`);
  writeFileSync(file, language === 'php' ? `<?php\n${source}\n` : source);
  return run(language, [language === 'ruby' ? '-c' : '-l', file]);
}

/**
 * The documented stand-in client of each language, one process each for the whole file (./support/check-*-sample.*):
 * one start instead of one per sample, as the JavaScript and Python samples run.
 */
const standIns = {
  ruby: useLineRunner<{ calls: unknown[] }>('Ruby documented-client check', 'ruby', [
    path.join(docsRoot, 'test/support/check-ruby-sample.rb'),
    fixture,
  ]),
  php: useLineRunner<{ calls: unknown[] }>('PHP documented-client check', 'php', [
    path.join(docsRoot, 'test/support/check-php-sample.php'),
    fixture,
  ]),
};

/** The calls a sample makes on the documented stand-in client; a sample that raises rejects with its error. */
async function calls(language: 'ruby' | 'php', source: string): Promise<unknown[]> {
  return (await standIns[language]({ source })).calls;
}

/** The one call the console request stands for: the API (from the operationId) and its arguments. */
function expectedCall(request: string) {
  const parsed = parseConsole(request);
  const { path: template, operation } = operationFor(spec, parsed);
  const [namespace, ...name] = (operation.operationId as string).split('-');
  const segments = parsed.rawPath.split('/');
  const args: Record<string, unknown> = {};
  template.split('/').forEach((part, i) => {
    if (part.startsWith('{')) args[part.slice(1, -1)] = decodeURIComponent(segments[i]!);
  });
  // The clients take query parameters as given; the converter writes them as the console's text.
  for (const [key, value] of parsed.query) args[key] = value;
  if (parsed.body !== undefined) args.body = parsed.body;
  return { api: `${namespace}.${name.join('_')}`, arguments: args };
}

describe.each(['ruby', 'php'] as const)('%s samples', (language) => {
  it.each(cases)('$id is valid syntax', async ({ id, samples }) => {
    const result = await syntax(language, id, samples[language]!);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.each(cases)(
    "$id calls the documented method with the request's parameters",
    async ({ example, samples }) => {
      expect(await calls(language, samples[language]!)).toEqual([expectedCall(example.request)]);
    },
  );

  it('the syntax check fails on a broken sample', async () => {
    const broken = cases[0]!.samples[language]!.replace(/\)\s*;?\s*$/, '');
    const result = await syntax(language, 'broken', broken);
    expect(result.code).not.toBe(0);
  });

  // One process runs every sample of a language: each sample gets its own scope and client.
  it('runs each sample on its own: the next sample sees nothing that one assigned or called', async () => {
    const [first, second] =
      language === 'ruby'
        ? [
            "kept = 'a'\nclient.ml.close_job(job_id: kept)",
            "client.ml.close_job(job_id: defined?(kept) ? kept : 'b')",
          ]
        : [
            "$kept = 'a';\n$client->ml()->closeJob(['job_id' => $kept]);",
            "$client->ml()->closeJob(['job_id' => isset($kept) ? $kept : 'b']);",
          ];
    expect(await calls(language, first)).toEqual([{ api: 'ml.close_job', arguments: { job_id: 'a' } }]);
    expect(await calls(language, second)).toEqual([{ api: 'ml.close_job', arguments: { job_id: 'b' } }]);
  });

  it('the documented-client check fails on a misspelt method and on an undocumented parameter', async () => {
    const close = cases.find((c) => c.example.primary)!.samples[language]!;
    const misspelt =
      language === 'ruby' ? close.replace('close_job', 'close_jobs') : close.replace('closeJob', 'closeJobs');
    await expect(calls(language, misspelt)).rejects.toThrow(/documents no method/);
    const extra =
      language === 'ruby'
        ? close.replace('job_id:', 'forse: "true",\n  job_id:')
        : close.replace('"job_id" =>', '"forse" => "true",\n    "job_id" =>');
    await expect(calls(language, extra)).rejects.toThrow(/undocumented (argument|parameter)\(s\) forse/);
  });
});

describe('Ruby samples are printed without the print line', () => {
  it('because request-converter prints `resp` after assigning `response`, which fails on the documented client', async () => {
    // Converted in a plain Node process: under vitest (NODE_ENV=test) the converter looks for template sources
    // it does not ship.
    const program = `import { convertSample } from './scripts/lib/samples.mjs';
process.stdout.write(await convertSample(process.argv[1], 'ruby', { printResponse: true }));`;
    const primary = cases.find((c) => c.example.primary)!.example;
    const converted = spawnSync(process.execPath, ['--input-type=module', '-e', program, primary.request], {
      cwd: docsRoot,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    expect(converted.status).toBe(0);
    expect(converted.stdout).toMatch(/^response = client\.ml\.close_job\(/);
    expect(converted.stdout).toContain('print(resp)');
    // When this fails, the converter is fixed: turn printResponse back on for Ruby in scripts/lib/samples.mjs.
    await expect(calls('ruby', converted.stdout)).rejects.toThrow(/undefined local variable or method .resp/);
  });
});
