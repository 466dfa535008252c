import { fileURLToPath } from 'node:url';
import { HarkError, type ErrorCode } from '../domain/errors.js';
import { ProcessExitedError, WorkerProcess } from '../lib/worker-process.js';

/** How a stage's failure reads in the job's error. */
export interface StageFailure {
  code: ErrorCode;
  /** Prefix of the message, e.g. "Text processing failed". */
  message: string;
}

/**
 * A CPU-bound pipeline stage in one process of its own, so that it never stalls the HTTP event loop.
 * One process serves all jobs: such a stage takes a small share of a job's time, and a process per
 * core would only duplicate the libraries it loads.
 */
export class StageProcess<Task, Result> {
  readonly #process: WorkerProcess<Task, Result>;
  readonly #failure: StageFailure;

  /**
   * `childModule`: the compiled module that calls `serveTasks`, e.g. `new URL('./x-child.js', import.meta.url)`.
   * `startOnFirstTask`: for a stage few jobs ask for, whose process need not take memory until one does.
   */
  constructor(childModule: URL, failure: StageFailure, { startOnFirstTask = false } = {}) {
    this.#process = new WorkerProcess<Task, Result>({ modulePath: fileURLToPath(childModule), concurrency: 1, startOnFirstTask });
    this.#failure = failure;
  }

  async run(task: Task, signal?: AbortSignal): Promise<Result> {
    try {
      return await this.#process.run(task, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      // A process that died (out of memory, killed) may well survive the next attempt; an exception is a bug.
      throw new HarkError(this.#failure.code, `${this.#failure.message}: ${(error as Error).message}`, {
        cause: error,
        retryable: error instanceof ProcessExitedError,
      });
    }
  }

  close(): Promise<void> {
    return this.#process.close();
  }
}
