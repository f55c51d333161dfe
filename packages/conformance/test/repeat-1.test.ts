// Runs 1-10 of the 20 repeated full runs (./support/repeated-runs.ts).
import { repeatedRuns } from './support/repeated-runs.js';

repeatedRuns(1);
