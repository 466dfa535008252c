/** Entry point of the diarization process: reads a window's PCM from its scratch file and diarizes it. */
import { readFileSync } from 'node:fs';
import { diarize } from '../diarize/diarize.js';
import { serveTasks } from '../lib/task-worker-child.js';
import type { DiarizeTask } from './diarize-stage.js';

serveTasks(
  () => null,
  (_state, payload) => {
    const task = payload as DiarizeTask;
    const bytes = readFileSync(task.pcmPath);
    // s16le as ffmpeg writes it, viewed in place (a file read gets a buffer of its own, at offset 0):
    // a copy would double the memory of a long window.
    const samples = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
    return diarize(samples, task.sampleRate, task.options);
  },
);
