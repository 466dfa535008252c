/**
 * Entry point of the recognizer process: loads one sherpa-onnx recognizer per segment it may be sent
 * at once, then decodes on request.
 */
import { serveTasks } from '../../lib/task-worker-child.js';
import { DecoderSet } from '../decoder-set.js';
import type { RecognitionTask } from '../pooled-engine.js';
import { gateBySpeech } from '../speech-gated-decoder.js';
import { SAMPLE_RATE, SherpaOnnxDecoder, type DecoderSettings } from './sherpa-onnx-decoder.js';

const settings = JSON.parse(process.env.HARK_SHERPA_ONNX_SETTINGS ?? '{}') as DecoderSettings;

serveTasks(
  (concurrency) => gateBySpeech(new DecoderSet(concurrency, () => new SherpaOnnxDecoder(settings)), SAMPLE_RATE),
  // sherpa-onnx models cannot favour words: requests that ask are refused before they get here.
  (decoder, payload) => decoder.recognize((payload as RecognitionTask).samples),
);
