/** Entry point of the text stage's thread: loads the text libraries once, then runs the text features on request. */
import { serveTasks } from '../lib/task-worker-child.js';
import { applyTextFeatures } from '../text/index.js';
import type { TextStageTask } from './text-stage.js';

serveTasks(
  () => null,
  (_state, payload) => {
    const task = payload as TextStageTask;
    return applyTextFeatures(task.words, task.options);
  },
);
