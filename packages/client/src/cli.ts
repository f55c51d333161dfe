#!/usr/bin/env node
// The `mlclose` bin. Node-only. See cli-program.ts for the command and its exit codes.
import process from 'node:process';
import { run } from './cli-program.js';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.exitCode = await run(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
});
