/** Entry point of a recognizer process: loads PocketSphinx once, then decodes segments on request. */
import { serveTasks } from '../../lib/process-pool-child.js';
import type { RecognitionTask } from '../pooled-engine.js';
import { gateBySpeech } from '../speech-gated-decoder.js';
import { PocketSphinxDecoder, SAMPLE_RATE, type DecoderSettings } from './pocketsphinx-decoder.js';

const settings = JSON.parse(process.env.HARK_POCKETSPHINX_SETTINGS ?? '{}') as DecoderSettings;

serveTasks(
  () => gateBySpeech(new PocketSphinxDecoder(settings), SAMPLE_RATE),
  (decoder, payload) => {
    const task = payload as RecognitionTask;
    return decoder.recognize(task.samples, task.vocabulary);
  },
);
