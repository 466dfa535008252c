import { SpeechDetector } from '../vad/speech-detector.js';
import type { EngineWord, PiecePosition, PreparedVocabulary, Recognition } from './engine.js';

/** What a recognizer process is told about a segment besides its samples. */
export interface SegmentContext {
  /** Terms to favour. */
  vocabulary?: PreparedVocabulary;
  /** The recording (one channel of one job) the segment belongs to: see RecognizeOptions. */
  recording?: string;
  /** The segment's place in its recording: see RecognizeOptions. */
  piece?: PiecePosition;
  /** The recording is narrow-band (telephone) audio: see RecognizeOptions. */
  narrowBand?: boolean;
}

/** What a decoder in a recognizer process does with one segment. */
export interface SegmentDecoder {
  recognize(samples: Int16Array, context?: SegmentContext): Promise<EngineWord[]>;
}

/** What a recognizer process does with one segment: the words, and the speech if it looked for it. */
export interface SegmentRecognizer {
  recognize(samples: Int16Array, context?: SegmentContext): Promise<Recognition>;
}

/** How the parent tells a recognizer process its speech threshold (0 turns the gate off). */
export const SPEECH_THRESHOLD_ENV = 'HARK_SPEECH_THRESHOLD';

/** Audio kept around detected speech: Silero's spans are tight, and word edges need context. */
const PAD_MS = 300;

/**
 * Decodes only where the voice-activity detector hears speech. A segment with no speech (music,
 * noise, tones) yields no words instead of the words a decoder invents for it; leading and trailing
 * non-speech is trimmed before decoding. Word and speech times stay relative to the segment given.
 */
export class SpeechGatedDecoder implements SegmentRecognizer {
  readonly #inner: SegmentDecoder;
  readonly #detector: SpeechDetector;
  readonly #sampleRate: number;

  constructor(inner: SegmentDecoder, detector: SpeechDetector, sampleRate: number) {
    this.#inner = inner;
    this.#detector = detector;
    this.#sampleRate = sampleRate;
  }

  async recognize(samples: Int16Array, context?: SegmentContext): Promise<Recognition> {
    // The detector runs on this thread, between the decoders' turns on theirs: it takes about 1 % of
    // a decoder's time, and one detector serves every decoder in the process.
    const spans = this.#detector.detect(samples);
    const toMs = (sample: number): number => (sample / this.#sampleRate) * 1000;
    const speech = spans.map((span) => ({ startMs: toMs(span.start), endMs: toMs(span.end) }));
    const first = spans[0];
    const last = spans.at(-1);
    if (first === undefined || last === undefined) return { words: [], speech };
    const pad = Math.round((PAD_MS / 1000) * this.#sampleRate);
    const from = Math.max(0, first.start - pad);
    const to = Math.min(samples.length, last.end + pad);
    const offsetMs = toMs(from);
    const words = await this.#inner.recognize(samples.subarray(from, to), context);
    return { words: words.map((word) => ({ ...word, startMs: word.startMs + offsetMs, endMs: word.endMs + offsetMs })), speech };
  }
}

/** In a recognizer process: the decoder behind the speech gate its parent asked for, or bare. */
export function gateBySpeech(decoder: SegmentDecoder, sampleRate: number): SegmentRecognizer {
  const threshold = Number(process.env[SPEECH_THRESHOLD_ENV] ?? 0);
  if (threshold > 0) return new SpeechGatedDecoder(decoder, new SpeechDetector({ sampleRate, threshold }), sampleRate);
  return { recognize: async (samples, context) => ({ words: await decoder.recognize(samples, context), speech: null }) };
}
