import { CONCURRENCY_ENV, type ChildMessage, type TaskMessage } from './worker-process.js';

/**
 * The child side of WorkerProcess: runs `init` once with the number of tasks it will be sent at once
 * (e.g. to load that many decoders), reports ready (or fatal), then answers each task with `handle`'s
 * result. Tasks overlap only when `handle` is asynchronous.
 */
export function serveTasks<State>(init: (concurrency: number) => State, handle: (state: State, payload: unknown) => unknown): void {
  const send = (message: ChildMessage): void => {
    process.send?.(message);
  };
  let state: State;
  try {
    state = init(Number(process.env[CONCURRENCY_ENV] ?? 1));
  } catch (error) {
    send({ type: 'fatal', message: (error as Error).message });
    return;
  }
  process.on('message', (message: TaskMessage) => {
    Promise.resolve()
      .then(() => handle(state, message.payload))
      .then(
        (value) => send({ type: 'result', id: message.id, value }),
        (error: unknown) => send({ type: 'error', id: message.id, message: (error as Error).message }),
      );
  });
  // The parent going away closes the IPC channel: leave with it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}
