import { fork, type ChildProcess } from 'node:child_process';

/**
 * A fixed set of forked Node processes that each run one task at a time, fed from a FIFO queue.
 * Processes (rather than threads) keep a crash in native code — a segfault in a decoder — from taking
 * the server down: the task in flight is rejected with a `ProcessExitedError`, the process is
 * replaced, and the rest of the queue carries on.
 *
 * The child side is `serveTasks` (process-pool-child.ts). Messages use the "advanced" serialization,
 * so typed arrays cross without JSON encoding.
 */

export class ProcessExitedError extends Error {
  constructor(detail: string) {
    super(`worker process exited while working (${detail})`);
    this.name = 'ProcessExitedError';
  }
}

/** The child could not initialise (e.g. a model missing): the pool cannot do any work. */
export class PoolStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolStartError';
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

interface Task {
  id: number;
  payload: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  task: Task | null;
}

export interface ProcessPoolOptions {
  /** Absolute path of the compiled child module. */
  modulePath: string;
  size: number;
  /** Environment variables for the children (merged over the parent's). */
  env?: Record<string, string>;
}

export class ProcessPool<Payload, Result> {
  readonly #options: ProcessPoolOptions;
  readonly #slots = new Set<Slot>();
  readonly #queue: Task[] = [];
  #nextId = 1;
  #closed = false;
  #startError: PoolStartError | null = null;

  constructor(options: ProcessPoolOptions) {
    this.#options = options;
    for (let i = 0; i < options.size; i++) this.#spawn();
  }

  get size(): number {
    return this.#options.size;
  }

  run(payload: Payload, signal?: AbortSignal): Promise<Result> {
    if (this.#startError) return Promise.reject(this.#startError);
    if (this.#closed) return Promise.reject(new Error('process pool is closed'));
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
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new Error('process pool is closed'));
    await Promise.all(
      [...this.#slots].map(
        (slot) =>
          new Promise<void>((resolve) => {
            if (slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
            slot.child.once('exit', () => resolve());
            slot.child.kill('SIGTERM');
          }),
      ),
    );
    this.#slots.clear();
  }

  #spawn(): void {
    const child = fork(this.#options.modulePath, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...this.#options.env },
    });
    const slot: Slot = { child, ready: false, task: null };
    this.#slots.add(slot);
    child.on('message', (message: ChildMessage) => this.#onMessage(slot, message));
    child.on('exit', (code, signal) => this.#onExit(slot, code, signal));
  }

  #onMessage(slot: Slot, message: ChildMessage): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        this.#dispatch();
        return;
      case 'fatal':
        this.#fail(new PoolStartError(message.message));
        return;
      case 'result':
      case 'error': {
        const task = slot.task;
        slot.task = null;
        if (task && task.id === message.id) {
          if (message.type === 'result') task.resolve(message.value);
          else task.reject(new Error(message.message));
        }
        this.#dispatch();
        return;
      }
    }
  }

  #onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    this.#slots.delete(slot);
    slot.task?.reject(new ProcessExitedError(signal ?? `code ${code}`));
    slot.task = null;
    if (this.#closed || this.#startError) return;
    // Native model loaders may exit the process instead of throwing (sherpa-onnx does on a malformed
    // model): a child that dies before it is ready would die again, so stop rather than respawn forever.
    if (!slot.ready) {
      this.#fail(new PoolStartError(`the recognizer process exited while loading its model (${signal ?? `code ${code}`})`));
      return;
    }
    this.#spawn();
  }

  /** A child that cannot start will not start on the next try either: fail everything waiting. */
  #fail(error: PoolStartError): void {
    this.#startError = error;
    for (const task of this.#queue.splice(0)) task.reject(error);
    for (const slot of this.#slots) slot.child.kill('SIGTERM');
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (!slot.ready || slot.task !== null) continue;
      const task = this.#queue.shift();
      if (task === undefined) return;
      slot.task = task;
      const message: TaskMessage = { id: task.id, payload: task.payload };
      slot.child.send(message);
    }
  }
}
