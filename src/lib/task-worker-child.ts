import { parentPort } from 'node:worker_threads';
import { CONCURRENCY_ENV, type ChildMessage, type TaskMessage } from './task-worker.js';

/** The child's end of its link to the TaskWorker: a thread's port, or a forked process's IPC channel. */
interface ParentLink {
  send(message: ChildMessage): void;
  onTask(handle: (message: TaskMessage) => void): void;
}

function parentLink(): ParentLink {
  const port = parentPort;
  if (port !== null) {
    // A thread ends when the parent terminates it.
    return { send: (message) => port.postMessage(message), onTask: (handle) => port.on('message', handle) };
  }
  // The parent going away closes the IPC channel: leave with it.
  process.on('disconnect', () => process.exit(0));
  return { send: (message) => void process.send?.(message), onTask: (handle) => process.on('message', handle) };
}

/**
 * The child side of TaskWorker: runs `init` once with the number of tasks it will be sent at once
 * (e.g. to load that many decoders), reports ready (or fatal), then answers each task with `handle`'s
 * result. Tasks overlap only when `handle` is asynchronous.
 */
export function serveTasks<State>(init: (concurrency: number) => State, handle: (state: State, payload: unknown) => unknown): void {
  const parent = parentLink();
  let state: State;
  try {
    state = init(Number(process.env[CONCURRENCY_ENV] ?? 1));
  } catch (error) {
    parent.send({ type: 'fatal', message: (error as Error).message });
    return;
  }
  parent.onTask((message) => {
    Promise.resolve()
      .then(() => handle(state, message.payload))
      .then(
        (value) => parent.send({ type: 'result', id: message.id, value }),
        (error: unknown) => parent.send({ type: 'error', id: message.id, message: (error as Error).message }),
      );
  });
  parent.send({ type: 'ready' });
}
