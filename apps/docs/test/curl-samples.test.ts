// Runs every curl sample, exactly as @elastic/request-converter wrote it and the docs print it, against the
// reference server, and compares the answer with the response the docs show for it (a named example of the spec).
// The Console form of each example is sent as well.
import { describe, expect, it } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import { isCloseJob, parseConsole } from '../scripts/lib/examples.mjs';
import { prepare, useReferenceServer } from './support/reference-server.js';
import { exampleCases, expectAnswer, runCurl } from './support/samples-run.js';

const cases = exampleCases().map((c) => ({ ...c, curl: c.samples.curl! }));

const reference = useReferenceServer();

describe('curl samples against the reference server', () => {
  it('are printed with $ELASTICSEARCH_URL and the API key header, so they run as printed', () => {
    for (const { curl } of cases) {
      expect(curl).toMatch(/^curl -X [A-Z]+ -H "Authorization: ApiKey \$ELASTIC_API_KEY" /);
      expect(curl).toContain('"$ELASTICSEARCH_URL/');
    }
  });

  it.each(cases)('$id answers what the docs show', async ({ example, curl, documented }) => {
    await prepare(reference.server, example.setup);
    const before = await reference.server.states();

    const answer = await runCurl(curl, reference.server.url);

    expectAnswer(answer, documented);
    if (!isCloseJob(spec, example)) return;
    const after = await reference.server.states();
    if (documented.status === 200) {
      // Every close example that succeeds closes every job it set up.
      expect(after).toEqual(Object.fromEntries(Object.keys(before).map((id) => [id, 'closed'])));
    } else {
      // A failed close is all-or-nothing: nothing changed.
      expect(after).toEqual(before);
    }
  });

  it.each(cases)(
    '$id: the Console form sends the same request and gets the same answer',
    async ({ example, documented }) => {
      await prepare(reference.server, example.setup);
      const { method, target, body, ndjson } = parseConsole(example.request);
      const answer = await reference.server.request(
        method,
        target,
        ndjson === undefined
          ? { body }
          : { body: ndjson, headers: { 'Content-Type': 'application/x-ndjson' } },
      );
      expect(answer.status).toBe(documented.status);
      expectAnswer(answer.json, documented);
    },
  );

  it('a curl sample that does not get its documented answer is caught (wrong credentials give 401)', async () => {
    const { example, curl, documented } = cases.find((c) => c.example.primary)!;
    await prepare(reference.server, example.setup);
    const answer: any = await runCurl(curl, reference.server.url, 'wrong');
    expect(answer).not.toEqual(documented.value);
    expect(answer.status).toBe(401);
  });
});
