/**
 * A task-worker child for the task-worker test: each task waits `waitMs` (asynchronously, so tasks
 * overlap) and reports when it ran and in which process and thread; `exit` ends the child mid-task, as
 * a native crash would, and `throwUncaught` throws where nothing catches it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { serveTasks } from '../../src/lib/task-worker-child.js';

export interface TimingTask {
  waitMs: number;
  exit?: boolean;
  throwUncaught?: boolean;
}

export interface TimingResult {
  pid: number;
  threadId: number;
  /** When this child (process or thread) loaded this module (ms since the epoch). */
  childStartedAt: number;
  concurrency: number;
  /** The child's MALLOC_ARENA_MAX, as glibc reads it at start. */
  mallocArenas: string | null;
  /** The Node and V8 flags the child was started with. */
  execArgv: string[];
  startedAt: number;
  endedAt: number;
}

const childStartedAt = Date.now();

serveTasks(
  (concurrency) => concurrency,
  async (concurrency, payload): Promise<TimingResult> => {
    const task = payload as TimingTask;
    const startedAt = Date.now();
    if (task.exit) setTimeout(() => process.exit(5), 50);
    if (task.throwUncaught) {
      setTimeout(() => {
        throw new Error('uncaught in the child');
      }, 50);
    }
    await sleep(task.waitMs);
    const mallocArenas = process.env.MALLOC_ARENA_MAX ?? null;
    return {
      pid: process.pid,
      threadId,
      childStartedAt,
      concurrency,
      mallocArenas,
      execArgv: process.execArgv,
      startedAt,
      endedAt: Date.now(),
    };
  },
);
