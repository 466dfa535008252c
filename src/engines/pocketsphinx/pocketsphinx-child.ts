/**
 * Entry point of the recognizer process: loads one PocketSphinx decoder per segment it may be sent at
 * once, then decodes on request.
 */
import { releaseFreedNativeMemory } from '../../lib/native-heap.js';
import { serveTasks } from '../../lib/task-worker-child.js';
import { DecoderSet } from '../decoder-set.js';
import type { RecognitionTask } from '../pooled-engine.js';
import { gateBySpeech } from '../speech-gated-decoder.js';
import { PocketSphinxDecoder, SAMPLE_RATE, type DecoderSettings } from './pocketsphinx-decoder.js';

const settings = JSON.parse(process.env.HARK_POCKETSPHINX_SETTINGS ?? '{}') as DecoderSettings;

serveTasks(
  (concurrency) => gateBySpeech(new DecoderSet(concurrency, () => new PocketSphinxDecoder(settings)), SAMPLE_RATE),
  (decoder, payload) => {
    const task = payload as RecognitionTask;
    // A search frees most of what it allocated when its piece ends, in pages glibc would keep.
    return decoder.recognize(task.samples, task).finally(releaseFreedNativeMemory);
  },
);
