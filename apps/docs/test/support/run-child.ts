// Runs a program (ruby, php, python, bash for curl, node) with its input on stdin and waits until it has
// exited and its output is read. A child that exits before it has read its input makes the write fail with
// EPIPE; that error is handled here and reported as the run's failure, never left to surface as an unhandled
// error that fails the whole test run.
import { spawn } from 'node:child_process';

export interface ChildResult {
  /** The exit code; null when a signal ended the child. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** The child's whole environment. @default this process's */
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed. @default none: stdin is /dev/null */
  stdin?: string;
}

/**
 * Runs `file args…` to its exit. Resolves with its exit code and output, whatever the code: the caller decides
 * what a failure is. Rejects when the program cannot be started, and when it exited 0 without reading its
 * stdin (a harness that ignored its input did not run what it was given). When it exited non-zero, a failed
 * write to its stdin is a consequence of the early exit: the code and stderr tell the cause.
 */
export function runChild(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // Without input, stdin is /dev/null: a program that never reads it (`ruby -c FILE`) can exit before an empty
    // pipe is closed, and the close would fail with EPIPE although nothing was lost.
    const input = options.stdin;
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stdinError: Error | undefined;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin?.on('error', (error) => (stdinError = error));
    // 'error' when it cannot start (ENOENT, EACCES); 'close' after the exit, once stdout and stderr are drained.
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const command = [file, ...args].join(' ');
      if (stdinError !== undefined && code === 0) {
        reject(new Error(`${command} exited 0 without reading its stdin (${stdinError.message})\n${stderr}`));
      } else {
        resolve({ code, signal, stdout, stderr });
      }
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
