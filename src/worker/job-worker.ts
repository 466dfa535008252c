import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { toHarkError, type HarkError } from '../domain/errors.js';
import type { Job, JobOutcome } from '../domain/job.js';
import type { TranscriptResult } from '../domain/transcript.js';
import type { WebhookRequest } from '../domain/webhook.js';
import { backoffDelay } from '../lib/backoff.js';
import type { Logger } from '../lib/logger.js';
import type { JobStore } from '../store/job-store.js';

export type ProcessJob = (job: Job, signal: AbortSignal) => Promise<TranscriptResult>;

/** The notifications to queue when a job ends (none when it asked for none). */
export type WebhooksFor = (job: Job, outcome: JobOutcome) => WebhookRequest[];

export interface JobWorkerOptions {
  store: JobStore;
  process: ProcessJob;
  webhooksFor: WebhooksFor;
  logger: Logger;
  concurrency: number;
  leaseMs: number;
  pollIntervalMs: number;
  retryBaseMs: number;
}

export interface JobWorkerEvents {
  'job:claimed': [job: Job];
  'job:completed': [job: Job, result: TranscriptResult];
  'job:retry': [job: Job, error: HarkError, delayMs: number];
  'job:failed': [job: Job, error: HarkError];
}

/**
 * Claims jobs from the store and runs them, up to `concurrency` at once. While a job runs its lease
 * is renewed; if the lease is lost (the store gave the job to another worker), the run is aborted and
 * its result discarded. Failures become `retry` with backoff when the error is retryable and attempts
 * remain, `error` otherwise. `stop()` aborts running jobs and hands them back to the queue.
 */
export class JobWorker extends EventEmitter<JobWorkerEvents> {
  readonly id = `worker-${randomUUID()}`;
  readonly #options: JobWorkerOptions;
  readonly #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #timer: NodeJS.Timeout | null = null;
  #filling = false;
  #refill = false;
  #stopping = false;

  constructor(options: JobWorkerOptions) {
    super();
    this.#options = options;
  }

  start(): void {
    this.#timer = setInterval(() => this.wake(), this.#options.pollIntervalMs);
    this.wake();
  }

  /** Looks for work now (called when a job is created, so it need not wait for the next poll). */
  wake(): void {
    if (this.#stopping) return;
    if (this.#filling) {
      this.#refill = true;
      return;
    }
    this.#filling = true;
    void this.#fill()
      .catch((error: unknown) => this.#options.logger.error({ err: error }, 'claiming jobs failed'))
      .finally(() => {
        this.#filling = false;
        if (this.#refill) {
          this.#refill = false;
          this.wake();
        }
      });
  }

  async #fill(): Promise<void> {
    while (!this.#stopping && this.#running.size < this.#options.concurrency) {
      const job = await this.#options.store.claim(this.id, this.#options.leaseMs);
      if (job === null) return;
      const controller = new AbortController();
      const done = this.#run(job, controller)
        .catch((error: unknown) =>
          // The store refused the outcome (e.g. a full disk): the job keeps its lease until it runs
          // out, and then it is claimed and run again, so nothing is lost.
          this.#options.logger.error({ jobId: job.id, err: error }, 'could not record the job outcome; it runs again when its lease expires'),
        )
        .finally(() => {
          this.#running.delete(job.id);
          this.wake();
        });
      this.#running.set(job.id, { controller, done });
    }
  }

  async #run(job: Job, controller: AbortController): Promise<void> {
    const { store, logger, leaseMs } = this.#options;
    const log = { jobId: job.id, attempt: job.attempts };
    this.emit('job:claimed', job);
    logger.info(log, 'job started');
    const heartbeat = setInterval(() => {
      store.heartbeat(job.id, this.id, leaseMs).then(
        (held) => {
          if (!held) controller.abort(new Error('lease lost'));
        },
        (error: unknown) => logger.warn({ ...log, err: error }, 'heartbeat failed'),
      );
    }, Math.max(100, Math.floor(leaseMs / 3)));
    const started = performance.now();
    try {
      const result = await this.#options.process(job, controller.signal);
      if (controller.signal.aborted) throw controller.signal.reason;
      if (await store.complete(job.id, this.id, result, this.#options.webhooksFor(job, { status: 'completed', result }))) {
        logger.info({ ...log, ms: Math.round(performance.now() - started) }, 'job completed');
        this.emit('job:completed', job, result);
      }
    } catch (thrown) {
      await this.#settleFailure(job, controller, thrown);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #settleFailure(job: Job, controller: AbortController, thrown: unknown): Promise<void> {
    const { store, logger } = this.#options;
    const log = { jobId: job.id, attempt: job.attempts };
    if (controller.signal.aborted) {
      // Stopping or lease lost: not the job's fault, so the attempt does not count.
      if (await store.release(job.id, this.id)) logger.info(log, 'job handed back');
      return;
    }
    const error = toHarkError(thrown);
    const failure = { code: error.code, message: error.message };
    if (error.retryable && job.attempts < job.maxAttempts) {
      const delayMs = backoffDelay(job.attempts, this.#options.retryBaseMs);
      if (await store.retry(job.id, this.id, failure, delayMs)) {
        logger.warn({ ...log, code: error.code, delayMs, err: error }, 'job failed, will retry');
        this.emit('job:retry', job, error, delayMs);
      }
      return;
    }
    if (await store.fail(job.id, this.id, failure, this.#options.webhooksFor(job, { status: 'error' }))) {
      logger.info({ ...log, code: error.code, reason: error.message }, 'job failed');
      this.emit('job:failed', job, error);
    }
  }

  /** Stops claiming, aborts running jobs (they go back to the queue) and waits for them to settle. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    for (const { controller } of this.#running.values()) controller.abort(new Error('worker stopping'));
    await Promise.all([...this.#running.values()].map((entry) => entry.done));
  }
}
