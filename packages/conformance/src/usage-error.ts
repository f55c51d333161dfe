// The error of a bad option (exit code 2), in a module of its own: the command line answers bad usage, --help, list
// and cleanup without loading the runner, which loads vitest.

/** A bad option (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}
