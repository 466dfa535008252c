import { fileURLToPath } from 'node:url';
import type { RecognitionEngine } from '../engine.js';
import { DEFAULT_SEGMENTER_OPTIONS } from '../../segment/silence-segmenter.js';
import { PooledEngine } from '../pooled-engine.js';
import { dictionaryPath, POCKETSPHINX_MODEL_DIR, SAMPLE_RATE, type DecoderSettings } from './pocketsphinx-decoder.js';
import { PronunciationLexicon } from './pronunciation-lexicon.js';

export interface PocketSphinxEngineOptions {
  decoders: number;
  /** Silero speech probability a segment needs to be decoded at all; 0 decodes everything. */
  speechThreshold: number;
  speakerAdaptation: boolean;
  minWordConfidence: number;
  modelDir?: string;
  extraArgs?: string[];
}

/**
 * With speaker adaptation, pieces end at a pause only once they are this long (the segmenter's
 * longest): a recording's first transforms each come from one piece alone, and every later one is
 * refined on one piece, so more speech per piece makes a better one. On en_read (a piece per clip,
 * mostly), WER 0.375 with the 2 s default, 0.360 with this; without adaptation the length changed
 * nothing (0.393 / 0.394).
 */
const ADAPTED_MIN_SEGMENT_MS = DEFAULT_SEGMENTER_OPTIONS.maxSegmentMs;

/**
 * The embedded engine: PocketSphinx with Debian's en-us model, decoded by a pool of decoders in one
 * recognizer process. It answers to the hosted API's model name, so `speech_model` reads `slam-1` as
 * clients expect.
 */
export function createPocketSphinxEngine(options: PocketSphinxEngineOptions): RecognitionEngine {
  const settings: DecoderSettings = {
    modelDir: options.modelDir ?? POCKETSPHINX_MODEL_DIR,
    extraArgs: options.extraArgs ?? [],
    speakerAdaptation: options.speakerAdaptation,
    minWordConfidence: options.minWordConfidence,
  };
  const lexicon = new PronunciationLexicon(dictionaryPath(settings));
  return new PooledEngine({
    speechModel: 'slam-1',
    acousticModel: 'pocketsphinx-en-us',
    languageModel: 'pocketsphinx-en-us-3gram',
    sampleRate: SAMPLE_RATE,
    // en-us was trained on 16 kHz recordings; the narrow-band map was fitted on its front end.
    wideBandOnly: true,
    minSegmentMs: options.speakerAdaptation ? ADAPTED_MIN_SEGMENT_MS : undefined,
    childModule: fileURLToPath(new URL('./pocketsphinx-child.js', import.meta.url)),
    decoders: options.decoders,
    speechThreshold: options.speechThreshold,
    env: { HARK_POCKETSPHINX_SETTINGS: JSON.stringify(settings) },
    prepareVocabulary: (boost) => lexicon.prepare(boost),
  });
}
