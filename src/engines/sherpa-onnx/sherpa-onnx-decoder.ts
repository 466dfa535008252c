import { join } from 'node:path';
import type { ModelFamily, ModelFiles } from '../../models/catalog.js';
import type { EngineWord } from '../engine.js';
import { loadSherpaOnnx, type OfflineRecognizer, type OfflineRecognizerConfig } from './sherpa-onnx-binding.js';
import { wordsFromResult } from './sherpa-onnx-words.js';

export const SAMPLE_RATE = 16_000;

/** What a recognizer process needs to load a model (crosses to the child as JSON). */
export interface DecoderSettings {
  family: ModelFamily;
  dir: string;
  files: ModelFiles;
  modelType?: string;
}

/** The path of the model file that plays `role` (encoder, tokens, …). */
function modelFile(settings: DecoderSettings, role: string): string {
  const name = settings.files[role];
  if (name === undefined) throw new Error(`the ${settings.family} model in ${settings.dir} has no '${role}' file in its catalog entry`);
  return join(settings.dir, name);
}

/** sherpa-onnx's model section for each family, from the model's files by role. */
function familyConfig(settings: DecoderSettings): Record<string, unknown> {
  const file = (role: string): string => modelFile(settings, role);
  switch (settings.family) {
    case 'transducer':
      return {
        transducer: { encoder: file('encoder'), decoder: file('decoder'), joiner: file('joiner') },
        ...(settings.modelType ? { modelType: settings.modelType } : {}),
      };
    case 'nemo-ctc':
      return { nemoCtc: { model: file('model') } };
    case 'whisper':
      // An empty language lets multilingual Whisper detect it; tailPaddings -1 keeps the default padding.
      return { whisper: { encoder: file('encoder'), decoder: file('decoder'), language: '', task: 'transcribe', tailPaddings: -1 } };
    case 'moonshine':
      return {
        moonshine: {
          preprocessor: file('preprocessor'),
          encoder: file('encoder'),
          uncachedDecoder: file('uncachedDecoder'),
          cachedDecoder: file('cachedDecoder'),
        },
      };
    case 'sense-voice':
      return { senseVoice: { model: file('model'), language: 'auto', useInverseTextNormalization: 1 } };
  }
}

/**
 * One loaded sherpa-onnx offline recognizer, decoding on a worker thread with one ONNX Runtime thread:
 * Hark gets its parallelism from several recognizers decoding at once (as with PocketSphinx), not
 * from ONNX Runtime's intra-op threads, which scale worse on short segments.
 */
export class SherpaOnnxDecoder {
  readonly #recognizer: OfflineRecognizer;

  constructor(settings: DecoderSettings) {
    const config: OfflineRecognizerConfig = {
      featConfig: { sampleRate: SAMPLE_RATE, featureDim: 80 },
      modelConfig: { ...familyConfig(settings), tokens: modelFile(settings, 'tokens'), numThreads: 1, provider: 'cpu', debug: 0 },
      decodingMethod: 'greedy_search',
    };
    this.#recognizer = new (loadSherpaOnnx().OfflineRecognizer)(config);
  }

  /** Decodes one segment of 16 kHz mono PCM and returns its words, timed from the start of `samples`. */
  async recognize(samples: Int16Array): Promise<EngineWord[]> {
    const waveform = new Float32Array(samples.length);
    for (let i = 0; i < samples.length; i++) waveform[i] = (samples[i] as number) / 32768;
    const stream = this.#recognizer.createStream();
    stream.acceptWaveform({ samples: waveform, sampleRate: SAMPLE_RATE });
    return wordsFromResult(await this.#recognizer.decodeAsync(stream), samples.length / SAMPLE_RATE);
  }
}
