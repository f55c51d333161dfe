// Runs an ES module script in a fresh Node process, for tests about what a run leaves in its caller's process: only
// PATH in the environment, and a timeout, so that a process that does not end by itself fails the test.
import { execFile } from 'node:child_process';

/** The JSON value that the script's last line of stdout holds. */
export function runNodeScript(script: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
      (error, out) => (error ? reject(error) : resolve(JSON.parse(out.trim().split('\n').at(-1)!))),
    ),
  );
}
