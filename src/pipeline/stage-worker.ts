import { fileURLToPath } from 'node:url';
import { HarkError, type ErrorCode } from '../domain/errors.js';
import { WorkerExitedError, TaskWorker, type TaskWorkerOptions } from '../lib/task-worker.js';

/** How a stage's failure reads in the job's error. */
export interface StageFailure {
  code: ErrorCode;
  /** Prefix of the message, e.g. "Text processing failed". */
  message: string;
}

export interface StageWorkerOptions {
  /** A process for a stage with native code in it, a thread for pure JavaScript (see TaskWorker). */
  isolation: NonNullable<TaskWorkerOptions['isolation']>;
  /** For a stage few jobs ask for, whose worker need not take memory until one does. */
  startOnFirstTask?: boolean;
}

/**
 * A CPU-bound pipeline stage in a worker of its own, so that it never stalls the HTTP event loop.
 * One worker serves all jobs: such a stage takes a small share of a job's time, and a worker per
 * core would only duplicate the libraries it loads.
 */
export class StageWorker<Task, Result> {
  readonly #worker: TaskWorker<Task, Result>;
  readonly #failure: StageFailure;

  /** `childModule`: the compiled module that calls `serveTasks`, e.g. `new URL('./x-child.js', import.meta.url)`. */
  constructor(childModule: URL, failure: StageFailure, { isolation, startOnFirstTask = false }: StageWorkerOptions) {
    this.#worker = new TaskWorker<Task, Result>({ modulePath: fileURLToPath(childModule), concurrency: 1, isolation, startOnFirstTask });
    this.#failure = failure;
  }

  async run(task: Task, signal?: AbortSignal): Promise<Result> {
    try {
      return await this.#worker.run(task, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      // A worker that died (out of memory, killed) may well survive the next attempt; an exception is a bug.
      throw new HarkError(this.#failure.code, `${this.#failure.message}: ${(error as Error).message}`, {
        cause: error,
        retryable: error instanceof WorkerExitedError,
      });
    }
  }

  close(): Promise<void> {
    return this.#worker.close();
  }
}
