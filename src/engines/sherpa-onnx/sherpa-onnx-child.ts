/** Entry point of a recognizer process: loads one sherpa-onnx model once, then decodes segments on request. */
import { serveTasks } from '../../lib/process-pool-child.js';
import { SherpaOnnxDecoder, type DecoderSettings } from './sherpa-onnx-decoder.js';

const settings = JSON.parse(process.env.HARK_SHERPA_ONNX_SETTINGS ?? '{}') as DecoderSettings;

serveTasks(
  () => new SherpaOnnxDecoder(settings),
  (decoder, payload) => decoder.recognize(payload as Int16Array),
);
