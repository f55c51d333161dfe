/**
 * A URL that nothing can ever listen on: no socket can bind port 0 (binding 0 picks a free port), so a
 * connection to it is refused at once, whatever else runs on the machine. A port that a test bound and
 * closed could be taken again by another server in between.
 */
export const UNREACHABLE = 'http://127.0.0.1:0';
