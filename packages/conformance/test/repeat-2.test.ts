// Runs 11-20 of the 20 repeated full runs (./support/repeated-runs.ts).
import { repeatedRuns } from './support/repeated-runs.js';

repeatedRuns(2);
