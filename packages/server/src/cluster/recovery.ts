// Restart recovery: a node restart finishes what was in flight. A closing job is closed, an opening job is
// opened, a failed job stays failed; datafeeds settle likewise and stop if their job is no longer open.
import type { DatafeedState, JobState } from '@mlclose/schema';
import type { PersistedTask } from './store.js';

/** The task a job has after a restart: none if it was closing, `opened` if it was opening. */
export function recoveredTask(task: PersistedTask | null): PersistedTask | null {
  if (!task || task.state === 'closing') return null;
  return task.state === 'opening' ? { ...task, state: 'opened' } : task;
}

/** A datafeed's state after a restart, given its job's recovered state. */
export function recoveredDatafeedState(state: DatafeedState, jobState: JobState): DatafeedState {
  const settled: DatafeedState = state === 'starting' ? 'started' : state === 'stopping' ? 'stopped' : state;
  return settled === 'started' && jobState !== 'opened' ? 'stopped' : settled;
}
