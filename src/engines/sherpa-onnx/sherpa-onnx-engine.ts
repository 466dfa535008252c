import { fileURLToPath } from 'node:url';
import type { InstalledModel } from '../../models/model-store.js';
import type { RecognitionEngine } from '../engine.js';
import { PooledEngine } from '../pooled-engine.js';
import { SAMPLE_RATE, type DecoderSettings } from './sherpa-onnx-decoder.js';

/**
 * An operator-installed model (Parakeet, Whisper, Moonshine, SenseVoice, NeMo CTC) on sherpa-onnx, in a
 * pool of decoders in one recognizer process. The transcript's model fields name the installed model:
 * these are end-to-end networks, so acoustic and language model are the same thing.
 */
export function createSherpaOnnxEngine(model: InstalledModel, decoders: number, speechThreshold: number): RecognitionEngine {
  const settings: DecoderSettings = {
    family: model.entry.family,
    dir: model.dir,
    files: model.entry.files,
    ...(model.entry.modelType ? { modelType: model.entry.modelType } : {}),
  };
  return new PooledEngine({
    speechModel: model.entry.name,
    acousticModel: model.entry.name,
    languageModel: model.entry.name,
    sampleRate: SAMPLE_RATE,
    // Neural models trained with telephone audio among the rest: they get the decoded audio unchanged.
    wideBandOnly: false,
    childModule: fileURLToPath(new URL('./sherpa-onnx-child.js', import.meta.url)),
    decoders,
    speechThreshold,
    env: { HARK_SHERPA_ONNX_SETTINGS: JSON.stringify(settings) },
  });
}
