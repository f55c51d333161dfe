// A request through node:http, for what fetch cannot send. Everything else goes through the shared driver,
// @mlclose/server/testing (src/testing.ts).
/** A request through node:http, for what fetch cannot send (a body without Content-Type, HEAD bodies). */
export async function rawRequest(
  url: string,
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string | string[]> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Every value of each header, as sent (node:http's headersDistinct). */
  headersDistinct: Record<string, string[] | undefined>;
  /** Every header's name as sent, in its own case and in order (one entry per header line). */
  headerNames: string[];
  text: string;
}> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(
      url + path,
      { method, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            headersDistinct: res.headersDistinct,
            headerNames: res.rawHeaders.filter((_, i) => i % 2 === 0),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}
