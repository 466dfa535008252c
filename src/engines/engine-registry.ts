import type { ModelStore } from '../models/model-store.js';
import type { RecognitionEngine } from './engine.js';
import { createPocketSphinxEngine } from './pocketsphinx/pocketsphinx-engine.js';
import { createSherpaOnnxEngine } from './sherpa-onnx/sherpa-onnx-engine.js';

/** The `HARK_MODEL` value of the embedded engine, which needs no download. */
export const EMBEDDED_MODEL = 'pocketsphinx';

export interface EngineDeps {
  decoders: number;
  models: ModelStore;
  /** Silero speech probability a segment needs to be decoded (0: decode everything). */
  speechThreshold: number;
  /** The embedded engine's two-pass decoding with speaker adaptation. */
  speakerAdaptation: boolean;
  /** The embedded engine's words below this confidence are left out. */
  minWordConfidence: number;
}

/**
 * Picks the engine that runs a model: the embedded PocketSphinx engine, or sherpa-onnx for a model
 * from the catalog (installed by `hark models pull`, or a folder copied by hand). Which API model
 * names run on which model is the ModelRouter's business. Throws when the model is not installed.
 */
export function createEngine(model: string, deps: EngineDeps): RecognitionEngine {
  if (model === EMBEDDED_MODEL) return createPocketSphinxEngine(deps);
  return createSherpaOnnxEngine(deps.models.resolve(model), deps.decoders, deps.speechThreshold);
}
