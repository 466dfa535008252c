/**
 * A worker-process child for the worker-process test: each task waits `waitMs` (asynchronously, so
 * tasks overlap) and reports when it ran and in which process; `exit` ends the process mid-task, as a
 * native crash would.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { serveTasks } from '../../src/lib/worker-process-child.js';

export interface TimingTask {
  waitMs: number;
  exit?: boolean;
}

export interface TimingResult {
  pid: number;
  /** When this process started (ms since the epoch). */
  processStartedAt: number;
  concurrency: number;
  /** The child's MALLOC_ARENA_MAX, as glibc reads it at start. */
  mallocArenas: string | null;
  /** The Node and V8 flags the child was started with. */
  execArgv: string[];
  startedAt: number;
  endedAt: number;
}

serveTasks(
  (concurrency) => concurrency,
  async (concurrency, payload): Promise<TimingResult> => {
    const task = payload as TimingTask;
    const startedAt = Date.now();
    if (task.exit) setTimeout(() => process.exit(5), 50);
    await sleep(task.waitMs);
    const mallocArenas = process.env.MALLOC_ARENA_MAX ?? null;
    return {
      pid: process.pid,
      processStartedAt: performance.timeOrigin,
      concurrency,
      mallocArenas,
      execArgv: process.execArgv,
      startedAt,
      endedAt: Date.now(),
    };
  },
);
