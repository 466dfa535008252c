import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';

/**
 * One worker that does CPU-bound or native work for the server, up to `concurrency` tasks at a time,
 * fed from a FIFO queue. It is a forked Node process or a thread of the server's own:
 *
 * - A process keeps a crash in native code — a segfault in a decoder — from taking the server down:
 *   the tasks in flight are rejected with a `WorkerExitedError`, the process is replaced, and the rest
 *   of the queue carries on. It costs a copy of Node (~40 MB of resident memory) of its own.
 * - A thread is for pure JavaScript, which cannot crash the process: it keeps the work off the event
 *   loop and shares the server's copy of Node. An uncaught exception in it, or running out of heap
 *   (Node reports ERR_WORKER_OUT_OF_MEMORY), ends the thread alone, which is then replaced as a
 *   process would be.
 *
 * Concurrency inside the worker comes from the child itself (e.g. decoders that run on libuv worker
 * threads), so several tasks share one copy of the libraries the child loads. The child side is
 * `serveTasks` (task-worker-child.ts). Messages are structured clones both ways, so typed arrays
 * cross without JSON encoding.
 */

export class WorkerExitedError extends Error {
  constructor(detail: string) {
    super(`worker exited while working (${detail})`);
    this.name = 'WorkerExitedError';
  }
}

/** The child could not initialise (e.g. a model missing): the worker cannot do any work. */
export class WorkerStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerStartError';
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
 * Environment a child process gets unless the server's own sets it. glibc gives threads that allocate
 * their own malloc arenas (up to eight per core) and memory freed in one is not reused by another; the
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

/** The parent's end of one running child, process or thread: both speak ChildMessage and TaskMessage. */
interface ChildHandle {
  send(message: TaskMessage): void;
  /** Ends the child; resolves once it has exited. */
  stop(): Promise<void>;
}

interface ChildEvents {
  message: (message: ChildMessage) => void;
  /** How it ended, for the error of the tasks it had: "code 3", "SIGSEGV", an uncaught exception's message. */
  exit: (detail: string) => void;
}

interface Child {
  handle: ChildHandle;
  ready: boolean;
  tasks: Map<number, Task>;
}

export interface TaskWorkerOptions {
  /** Absolute path of the compiled child module. */
  modulePath: string;
  /** Tasks the child works on at once; more wait in the queue. */
  concurrency: number;
  /** A forked process (the default), or a thread of this process for pure JavaScript work. */
  isolation?: 'process' | 'thread';
  /** Environment variables for the child (merged over the parent's). */
  env?: Record<string, string>;
  /**
   * Start the child with the first task instead of at once: for work few jobs ask for, whose
   * child would otherwise sit in memory unused. Default false (ready before the first task).
   */
  startOnFirstTask?: boolean;
}

function forkProcess(options: TaskWorkerOptions, events: ChildEvents): ChildHandle {
  const child = fork(options.modulePath, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...CHILD_ENV_DEFAULTS, ...process.env, ...options.env, [CONCURRENCY_ENV]: String(options.concurrency) },
  });
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      events.exit(signal ?? `code ${code}`);
      resolve();
    });
  });
  child.on('message', events.message);
  return {
    send: (message) => void child.send(message),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

function startThread(options: TaskWorkerOptions, events: ChildEvents): ChildHandle {
  const worker = new Worker(options.modulePath, {
    env: { ...process.env, ...options.env, [CONCURRENCY_ENV]: String(options.concurrency) },
  });
  let failure: string | null = null;
  // Without a listener an uncaught exception in the thread would be rethrown here, in the server.
  worker.on('error', (error) => {
    failure = error.message;
  });
  const exited = new Promise<void>((resolve) => {
    worker.on('exit', (code) => {
      events.exit(failure ?? `code ${code}`);
      resolve();
    });
  });
  worker.on('message', events.message);
  return {
    send: (message) => worker.postMessage(message),
    stop: async () => {
      await worker.terminate();
      await exited;
    },
  };
}

export class TaskWorker<Payload, Result> {
  readonly #options: TaskWorkerOptions;
  readonly #queue: Task[] = [];
  #child: Child | null = null;
  #nextId = 1;
  #closed = false;
  #startError: WorkerStartError | null = null;

  constructor(options: TaskWorkerOptions) {
    this.#options = options;
    if (options.startOnFirstTask !== true) this.#spawn();
  }

  get concurrency(): number {
    return this.#options.concurrency;
  }

  run(payload: Payload, signal?: AbortSignal): Promise<Result> {
    if (this.#startError) return Promise.reject(this.#startError);
    if (this.#closed) return Promise.reject(new Error('worker is closed'));
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
    for (const task of this.#queue.splice(0)) task.reject(new Error('worker is closed'));
    const child = this.#child;
    this.#child = null;
    await child?.handle.stop();
  }

  #spawn(): void {
    const start = this.#options.isolation === 'thread' ? startThread : forkProcess;
    // Events come from the event loop, after `child` is set.
    let child: Child;
    const handle = start(this.#options, {
      message: (message) => this.#onMessage(child, message),
      exit: (detail) => this.#onExit(child, detail),
    });
    child = { handle, ready: false, tasks: new Map() };
    this.#child = child;
  }

  #onMessage(child: Child, message: ChildMessage): void {
    switch (message.type) {
      case 'ready':
        child.ready = true;
        this.#dispatch();
        return;
      case 'fatal':
        this.#fail(new WorkerStartError(message.message));
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

  #onExit(child: Child, detail: string): void {
    for (const task of child.tasks.values()) task.reject(new WorkerExitedError(detail));
    child.tasks.clear();
    if (this.#child !== child) return;
    this.#child = null;
    if (this.#closed || this.#startError) return;
    // Native model loaders may exit the process instead of throwing (sherpa-onnx does on a malformed
    // model): a child that dies before it is ready would die again, so stop rather than respawn forever.
    if (!child.ready) {
      this.#fail(new WorkerStartError(`the worker exited while loading its model (${detail})`));
      return;
    }
    this.#spawn();
  }

  /** A child that cannot start will not start on the next try either: fail everything waiting. */
  #fail(error: WorkerStartError): void {
    this.#startError = error;
    for (const task of this.#queue.splice(0)) task.reject(error);
    void this.#child?.handle.stop();
  }

  #dispatch(): void {
    const child = this.#child;
    if (child === null || !child.ready) return;
    while (child.tasks.size < this.#options.concurrency) {
      const task = this.#queue.shift();
      if (task === undefined) return;
      child.tasks.set(task.id, task);
      child.handle.send({ id: task.id, payload: task.payload });
    }
  }
}
