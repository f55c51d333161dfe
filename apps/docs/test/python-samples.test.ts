// Runs every Python sample, exactly as @elastic/request-converter wrote it and the docs print it, with Elastic's
// Python client from Debian (python3-elasticsearch 7.17, in /usr/bin/python3) against the reference server, and
// compares what it printed with the answer the docs show. The samples are the 9.x client's call form: where the
// 7.17 client does not take it, the test asserts that exact difference, which the page states, and runs the
// 7.17 call that the page shows instead.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dist, requireBuiltSite } from './support/paths.js';
import { prepare, useReferenceServer } from './support/reference-server.js';
import { DEBIAN_PYTHON, exampleCases, expectDocumented, usePythonRunner } from './support/samples-run.js';

const cases = exampleCases().map((c) => ({ ...c, python: c.samples.python! }));

const reference = useReferenceServer();
const runPython = usePythonRunner();

describe('Python samples on Elastic Python client 7.17', () => {
  it("runs Debian's python3-elasticsearch 7.17", () => {
    const version = execFileSync(
      DEBIAN_PYTHON,
      ['-c', 'import elasticsearch; print(elasticsearch.__versionstr__)'],
      {
        encoding: 'utf8',
      },
    ).trim();
    expect(version).toMatch(/^7\.17\./);
  });

  it.each(cases.filter((c) => !c.example.python717))(
    '$id answers what the docs show',
    async ({ example, python, documented }) => {
      await prepare(reference.server, example.setup);
      expectDocumented(await runPython(python, reference.server.url), documented);
    },
  );

  it.each(cases.filter((c) => c.example.python717))(
    '$id: the 9.x call fails on 7.17 exactly as the page says, and the 7.17 call it shows answers what the docs show',
    async ({ example, python, documented }) => {
      await prepare(reference.server, example.setup);
      expect(await runPython(python, reference.server.url)).toEqual({
        ok: false,
        error: example.python717.error,
      });
      await prepare(reference.server, example.setup);
      expectDocumented(await runPython(example.python717.call, reference.server.url), documented);
    },
  );

  it('the examples page states each 7.17 difference next to the sample', () => {
    requireBuiltSite();
    const page = readFileSync(path.join(dist, 'examples.html'), 'utf8');
    for (const { example } of cases.filter((c) => c.example.python717)) {
      const section = page.slice(page.indexOf(`<h3 id="${example.id}">`));
      const own = section.slice(0, section.indexOf('</section>'));
      expect(own).toContain('Python client 7.17');
      expect(own).toContain(example.python717.error.replace(/'/g, '&#39;'));
    }
  });
});
