// An injected fetch that records every request and answers from a queue: no global is patched.

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type Answer = Response | (() => Response | Promise<Response>) | Error;

export function recordingFetch(...answers: Answer[]) {
  const requests: RecordedRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    const answer = answers.length > 1 ? answers.shift()! : (answers[0] ?? json(200, { closed: true }));
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer() : answer.clone();
  };
  return { fetch, requests };
}

/** A JSON response like Elasticsearch sends. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch', ...headers },
  });
}

/** A fetch that fails the test when called: for checks that must happen before any request. */
export const unreachableFetch = async (request: Request): Promise<Response> => {
  throw new Error(`no request may be sent, got ${request.method} ${request.url}`);
};
