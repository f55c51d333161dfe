import { statSync } from 'node:fs';

/**
 * What the environment adds to the start of every fresh Node process that the bench times, for the notes of the
 * benchmarks that time them: with NODE_EXTRA_CA_CERTS set, Node reads and parses that file of certificates as each
 * process starts, before its first line runs, and the children inherit the bench's environment. None when the
 * environment adds nothing that the bench knows of.
 */
export function startUpEnvironmentNotes(env: NodeJS.ProcessEnv = process.env): string[] {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  let size: string;
  try {
    size = `a file of ${statSync(file).size.toLocaleString('en-US')} bytes`;
  } catch {
    size = 'a file that could not be read';
  }
  return [
    `NODE_EXTRA_CA_CERTS is set (${size}): Node reads those certificates as every process starts, so the times here that include a process's start (start-up, process wall time) include that too, and a process without it starts sooner; a time taken inside a running process does not.`,
  ];
}
