// The test command Stryker runs for every mutant (command test runner), in the sandbox: starts the sandbox's
// (mutated) server on 127.0.0.1 port 0 and runs the conformance suite against it. Exit 0 = the mutant survived.
// The run stops at the first failed check (the process exits; vitest's bail is set too): one is enough to kill the
// mutant, and it saves most of the run.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// Loaded by path (the frozen suite build and the sandbox's mutated server); typed as their sources.
const { EMBEDDED_TIMING, runConformance } = /** @type {typeof import('../src/index.js')} */ (
  await import(pathToFileURL(path.join(here, '.build/dist/index.js')).href)
);
const { startServer } = /** @type {typeof import('@mlclose/server')} */ (
  await import(pathToFileURL(path.resolve(process.cwd(), 'dist/index.js')).href)
);

// A hard bound of its own, below Stryker's per-mutant timeout.
setTimeout(() => {
  process.stderr.write('run-conformance: no verdict within 5 minutes\n');
  process.exit(3);
}, 300_000).unref();

// Credentials, so that the security checks run too (a throw-away key on a throw-away server).
const apiKey = Buffer.from('mlclose-mutation:mutation-secret').toString('base64');
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  testControl: true,
  // Timed like the suite's default (embedded) target: the suite's power is measured as it is run.
  ...EMBEDDED_TIMING,
  apiKeys: [{ key: apiKey }],
  users: [{ name: 'viewer', password: 'viewer-password', role: 'viewer' }],
});
const report = await runConformance({
  target: server.url,
  seed: Number(process.env.MLCLOSE_MUTATION_SEED ?? 20261129),
  concurrency: 4,
  requestTimeoutMs: 15_000,
  bail: true,
  credentials: { apiKey },
  viewerCredentials: { username: 'viewer', password: 'viewer-password' },
  reporters: [
    {
      onCheckEnd(result) {
        if (result.status !== 'failed') return;
        const first = result.failures[0];
        const line = `killed by ${result.id}: [${first?.requirements.join(',')}] ${first?.message ?? ''}`;
        process.stdout.write(`${line}\n`);
        // Which check killed which mutant (Stryker's command runner keeps no test names): ./reports/kills[-modules].log.
        mkdirSync(path.join(here, 'reports'), { recursive: true });
        appendFileSync(
          path.join(
            here,
            `reports/kills${process.env.MLCLOSE_MUTATE ? `-${process.env.MLCLOSE_MUTATE.split(',').join('+')}` : ''}.log`,
          ),
          `${process.env.__STRYKER_ACTIVE_MUTANT__ ?? 'none'}\t${line.replace(/\s+/g, ' ').slice(0, 300)}\n`,
        );
        process.exit(1);
      },
    },
  ],
});
await server.close();
process.stdout.write(`verdict ${report.verdict}: ${JSON.stringify(report.summary.checks)}\n`);
process.exit(report.verdict === 'conformant' ? 0 : 1);
