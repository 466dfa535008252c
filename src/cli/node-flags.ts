/**
 * V8 flags `hark serve` runs with: `npm start`, the `hark` command's first line and the test helper
 * pass them, and the worker processes it forks and its threads inherit them. V8 sizes its young
 * generation only at start-up, so they cannot be set from inside the process.
 *
 * A young generation of 2 MB semi-spaces (V8's default lets each grow to 16 MB) took 14–20 MB off the
 * server's peak and 7–20 MB off the text stage's (then a process) in scratch runs; it makes the text stage 5–11 %
 * slower, which is under 0.1 % of a job.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=2'] as const;
