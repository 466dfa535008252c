import { fork, type ChildProcess } from 'node:child_process';

/**
 * One forked Node process that does CPU-bound or native work for the server, up to `concurrency`
 * tasks at a time, fed from a FIFO queue. A process (rather than a thread) keeps a crash in native
 * code — a segfault in a decoder — from taking the server down: the tasks in flight are rejected with
 * a `ProcessExitedError`, the process is replaced, and the rest of the queue carries on. Concurrency
 * inside the process comes from the child itself (e.g. decoders that run on libuv worker threads),
 * so several tasks share one copy of Node and of the libraries the child loads.
 *
 * The child side is `serveTasks` (worker-process-child.ts). Messages use the "advanced"
 * serialization, so typed arrays cross without JSON encoding.
 */

export class ProcessExitedError extends Error {
  constructor(detail: string) {
    super(`worker process exited while working (${detail})`);
    this.name = 'ProcessExitedError';
  }
}

/** The child could not initialise (e.g. a model missing): the process cannot do any work. */
export class ProcessStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProcessStartError';
  }
}

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string };

export interface TaskMessage {
  id: number;
  payload: unknown;
}

/** How the parent tells its child how many tasks it will be sent at once (`serveTasks` reads it). */
export const CONCURRENCY_ENV = 'HARK_WORKER_CONCURRENCY';

/**
 * Environment a child gets unless the server's own sets it. glibc gives threads that allocate their
 * own malloc arenas (up to eight per core) and memory freed in one is not reused by another; the
 * recognizer's decoders run on libuv's threads. With one arena its peak on a 10-minute file fell from
 * 337 to 321 MB RSS, at the same throughput (two jobs in flight: 10.9 audio seconds a second).
 */
const CHILD_ENV_DEFAULTS = { MALLOC_ARENA_MAX: '1' };

interface Task {
  id: number;
  payload: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Child {
  process: ChildProcess;
  ready: boolean;
  tasks: Map<number, Task>;
}

export interface WorkerProcessOptions {
  /** Absolute path of the compiled child module. */
  modulePath: string;
  /** Tasks the child works on at once; more wait in the queue. */
  concurrency: number;
  /** Environment variables for the child (merged over the parent's). */
  env?: Record<string, string>;
  /**
   * Start the child with the first task instead of at once: for work few jobs ask for, whose
   * process would otherwise sit in memory unused. Default false (ready before the first task).
   */
  startOnFirstTask?: boolean;
}

export class WorkerProcess<Payload, Result> {
  readonly #options: WorkerProcessOptions;
  readonly #queue: Task[] = [];
  #child: Child | null = null;
  #nextId = 1;
  #closed = false;
  #startError: ProcessStartError | null = null;

  constructor(options: WorkerProcessOptions) {
    this.#options = options;
    if (options.startOnFirstTask !== true) this.#spawn();
  }

  get concurrency(): number {
    return this.#options.concurrency;
  }

  run(payload: Payload, signal?: AbortSignal): Promise<Result> {
    if (this.#startError) return Promise.reject(this.#startError);
    if (this.#closed) return Promise.reject(new Error('worker process is closed'));
    return new Promise<Result>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(task);
        if (index >= 0) {
          this.#queue.splice(index, 1);
          task.reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        }
      };
      // Long files send many segments under one job signal: each task removes its listener when it settles.
      const settled =
        <T>(finish: (value: T) => void) =>
        (value: T): void => {
          signal?.removeEventListener('abort', onAbort);
          finish(value);
        };
      const task: Task = {
        id: this.#nextId++,
        payload,
        resolve: settled(resolve as (value: unknown) => void),
        reject: settled(reject),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(task);
      if (this.#child === null) this.#spawn();
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new Error('worker process is closed'));
    const child = this.#child;
    this.#child = null;
    if (child === null || child.process.exitCode !== null || child.process.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.process.once('exit', () => resolve());
      child.process.kill('SIGTERM');
    });
  }

  #spawn(): void {
    const process_ = fork(this.#options.modulePath, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...CHILD_ENV_DEFAULTS, ...process.env, ...this.#options.env, [CONCURRENCY_ENV]: String(this.#options.concurrency) },
    });
    const child: Child = { process: process_, ready: false, tasks: new Map() };
    this.#child = child;
    process_.on('message', (message: ChildMessage) => this.#onMessage(child, message));
    process_.on('exit', (code, signal) => this.#onExit(child, code, signal));
  }

  #onMessage(child: Child, message: ChildMessage): void {
    switch (message.type) {
      case 'ready':
        child.ready = true;
        this.#dispatch();
        return;
      case 'fatal':
        this.#fail(new ProcessStartError(message.message));
        return;
      case 'result':
      case 'error': {
        const task = child.tasks.get(message.id);
        child.tasks.delete(message.id);
        if (task) {
          if (message.type === 'result') task.resolve(message.value);
          else task.reject(new Error(message.message));
        }
        this.#dispatch();
        return;
      }
    }
  }

  #onExit(child: Child, code: number | null, signal: NodeJS.Signals | null): void {
    for (const task of child.tasks.values()) task.reject(new ProcessExitedError(signal ?? `code ${code}`));
    child.tasks.clear();
    if (this.#child !== child) return;
    this.#child = null;
    if (this.#closed || this.#startError) return;
    // Native model loaders may exit the process instead of throwing (sherpa-onnx does on a malformed
    // model): a child that dies before it is ready would die again, so stop rather than respawn forever.
    if (!child.ready) {
      this.#fail(new ProcessStartError(`the worker process exited while loading its model (${signal ?? `code ${code}`})`));
      return;
    }
    this.#spawn();
  }

  /** A child that cannot start will not start on the next try either: fail everything waiting. */
  #fail(error: ProcessStartError): void {
    this.#startError = error;
    for (const task of this.#queue.splice(0)) task.reject(error);
    this.#child?.process.kill('SIGTERM');
  }

  #dispatch(): void {
    const child = this.#child;
    if (child === null || !child.ready) return;
    while (child.tasks.size < this.#options.concurrency) {
      const task = this.#queue.shift();
      if (task === undefined) return;
      child.tasks.set(task.id, task);
      const message: TaskMessage = { id: task.id, payload: task.payload };
      child.process.send(message);
    }
  }
}
