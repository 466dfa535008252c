import type { ChildMessage, TaskMessage } from './process-pool.js';

/**
 * The child side of ProcessPool: runs `init` once (e.g. loading a model), reports ready (or fatal),
 * then answers each task with `handle`'s result.
 */
export function serveTasks<State>(init: () => State, handle: (state: State, payload: unknown) => unknown): void {
  const send = (message: ChildMessage): void => {
    process.send?.(message);
  };
  let state: State;
  try {
    state = init();
  } catch (error) {
    send({ type: 'fatal', message: (error as Error).message });
    return;
  }
  process.on('message', (message: TaskMessage) => {
    try {
      send({ type: 'result', id: message.id, value: handle(state, message.payload) });
    } catch (error) {
      send({ type: 'error', id: message.id, message: (error as Error).message });
    }
  });
  // The parent going away closes the IPC channel: leave with it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}
