// Runs every curl sample, exactly as @elastic/request-converter wrote it and the docs print it, against the
// reference server, and compares the answer with the response the docs show for it (a named example of the spec).
// The Console form of each example is sent as well.
import path from 'node:path';
import type { RunningServer } from '@mlclose/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spec } from '@mlclose/schema/spec';
import { documentedResponse, isCloseJob, loadExamples, parseConsole } from '../scripts/lib/examples.mjs';
import { docsRoot } from './support/paths.js';
import { Cluster, startReferenceServer } from './support/reference-server.js';
import { builtSamples, expectAnswer, runCurl } from './support/samples-run.js';

const examples: any[] = loadExamples(path.join(docsRoot, 'samples/examples.json'), spec);
const printed = builtSamples();
const cases = examples.map((example) => ({
  id: example.id,
  example,
  curl: printed.get(example.id)!.curl!,
  documented: documentedResponse(spec, example),
}));

let server: RunningServer;
let cluster: Cluster;

beforeAll(async () => {
  server = await startReferenceServer();
  cluster = new Cluster(server.url);
});
afterAll(() => server?.close());

describe('curl samples against the reference server', () => {
  it('are printed with $ELASTICSEARCH_URL and the API key header, so they run as printed', () => {
    for (const { curl } of cases) {
      expect(curl).toMatch(/^curl -X [A-Z]+ -H "Authorization: ApiKey \$ELASTIC_API_KEY" /);
      expect(curl).toContain('"$ELASTICSEARCH_URL/');
    }
  });

  it.each(cases)('$id answers what the docs show', async ({ example, curl, documented }) => {
    await cluster.prepare(example.setup);
    const before = await cluster.states();

    const answer = await runCurl(curl, server.url);

    expectAnswer(answer, documented);
    if (!isCloseJob(spec, example)) return;
    const after = await cluster.states();
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
      await cluster.prepare(example.setup);
      const { method, target, body } = parseConsole(example.request);
      const answer = await cluster.request(method, target, body);
      expect(answer.status).toBe(documented.status);
      expectAnswer(answer.body, documented);
    },
  );

  it('a curl sample that does not get its documented answer is caught (wrong credentials give 401)', async () => {
    const { example, curl, documented } = cases.find((c) => c.example.primary)!;
    await cluster.prepare(example.setup);
    const answer: any = await runCurl(curl, server.url, 'wrong');
    expect(answer).not.toEqual(documented.value);
    expect(answer.status).toBe(401);
  });
});
