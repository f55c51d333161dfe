/** A JSON answer from a server under benchmark. */
export interface JsonResponse {
  status: number;
  body: unknown;
}

/** One request with global fetch; the body is sent as JSON and the answer parsed as JSON. */
export async function requestJson(method: string, url: string, body?: unknown): Promise<JsonResponse> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Like `requestJson`, but throws unless the status is 200. */
export async function expectOk(method: string, url: string, body?: unknown): Promise<unknown> {
  const response = await requestJson(method, url, body);
  if (response.status !== 200) {
    throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Calls `task(i)` for i in [0, count) with at most `concurrency` calls in flight. */
export async function forEachLimited(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
