// The client entry, bundled for browsers with openapi-fetch and minified, stays under 4.5 KiB gzipped, and
// imports nothing from Node. Run after `pnpm build` (it measures dist/, what ships).
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const BUDGET = 4608;
const entry = (name: string) => fileURLToPath(new URL(`../dist/${name}.js`, import.meta.url));

async function bundle(name: string) {
  const result = await build({
    entryPoints: [entry(name)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return {
    gzip: gzipSync(code).length,
    raw: code.length,
    inputs: Object.keys(result.metafile.inputs),
    text: new TextDecoder().decode(code),
  };
}

describe('bundle size', () => {
  it(`the client entry with openapi-fetch is at most ${BUDGET} bytes gzipped`, async () => {
    const { gzip, raw, inputs, text } = await bundle('index');
    console.log(`@mlclose/client: ${gzip} bytes gzipped (${raw} minified), budget ${BUDGET}`);
    // openapi-fetch is in, bundled into dist/index.js already (scripts/bundle.mjs) or taken from node_modules.
    expect(
      inputs.some((input) => input.includes('openapi-fetch')) || text.includes('Middleware must be'),
    ).toBe(true);
    // The Duration check is in (a bad timeout fails before sending); the requirement catalogue of the
    // schema's main entry is not.
    expect(text).toContain('nanos'.replace(/./g, (c) => `[${c}${c.toUpperCase()}]`));
    expect(text).not.toContain('CJ-ROUTE-001');
    expect(gzip).toBeLessThanOrEqual(BUDGET);
  });

  it('the opt-in retry entry adds little (paid only by apps that retry)', async () => {
    // Retry is only ever used with a client, and it imports the errors from the main entry: what an app
    // pays for it is the difference.
    const client = (await bundle('index')).gzip;
    const both = await build({
      stdin: {
        contents: `export * from ${JSON.stringify(entry('index'))}; export * from ${JSON.stringify(entry('retry'))};`,
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    const total = gzipSync(both.outputFiles[0]!.contents).length;
    console.log(`@mlclose/client + retry: ${total} bytes gzipped, ${total - client} more than the client`);
    expect(total - client).toBeLessThanOrEqual(1024);
  });
});

describe('no Node built-ins in the universal entries', () => {
  it.each(['index', 'retry'])('%s imports none', async (name) => {
    // platform: 'browser' would fail to resolve node:* or a bare 'fs'; check the inputs too.
    const { inputs } = await bundle(name);
    expect(
      inputs.filter((input) => /^node:|^(fs|path|util|url|zlib|http|https|net|buffer|process)$/.test(input)),
    ).toEqual([]);
  });

  it('the CLI and the undici transport (Node-only) are not reachable from the client entry', async () => {
    const { inputs } = await bundle('index');
    expect(
      inputs.filter((input) => /\/(cli|cli-program|undici)\.js$|node_modules\/undici\//.test(input)),
    ).toEqual([]);
  });
});
