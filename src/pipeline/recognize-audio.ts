import { decodeAudio, type DecodeWindow } from '../audio/decode-audio.js';
import type { RecognitionEngine, RecognizeOptions } from '../engines/engine.js';
import { DEFAULT_SEGMENTER_OPTIONS, SilenceSegmenter, type AudioSegment } from '../segment/silence-segmenter.js';
import { narrowBandFrontEnd } from './narrow-band-front-end.js';
import { recognizeSegments, type TimedWord } from './recognize-stream.js';

/** The file to recognise, and its own sample rate as ffprobe reported it (0 when unknown). */
export interface SourceAudio {
  path: string;
  sampleRate: number;
}

export interface RecognizedAudio {
  /** On the decoded window's timeline. */
  words: TimedWord[];
  /** Length of the decoded window, in ms. */
  decodedMs: number;
  /** Whether it was heard as narrow-band (telephone) audio; false when the engine needs no such care. */
  narrowBand: boolean;
}

/**
 * Stages 3–4 for one mix of the audio: decode → (narrow-band fill) → cut at pauses → recognise,
 * streaming throughout.
 * `channel`: the 0-based channel to decode alone (multichannel), or null for the mix of all channels.
 * `tee`: receives every decoded chunk too, in order, as decoded (the diarizer's copy of the audio).
 * `options`: the job's abort signal and the terms to favour, for every segment.
 */
export async function recognizeAudio(
  source: SourceAudio,
  engine: RecognitionEngine,
  window: DecodeWindow,
  channel: number | null,
  tee: ((chunk: Buffer) => Promise<void>) | null,
  options: RecognizeOptions = {},
): Promise<RecognizedAudio> {
  const { signal } = options;
  let decodedBytes = 0;
  let narrowBand = false;
  const decoded = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of decodeAudio(source.path, engine.sampleRate, window, channel, signal)) {
      decodedBytes += chunk.length;
      await tee?.(chunk);
      yield chunk;
    }
  };
  const frontEnd = engine.wideBandOnly
    ? narrowBandFrontEnd(decoded(), source.sampleRate, engine.sampleRate, (verdict) => (narrowBand = verdict))
    : decoded();
  const segments = async function* (): AsyncGenerator<AudioSegment> {
    const segmenter = new SilenceSegmenter({ sampleRate: engine.sampleRate, ...DEFAULT_SEGMENTER_OPTIONS });
    for await (const chunk of frontEnd) yield* segmenter.push(chunk);
    yield* segmenter.finish();
  };
  const words = await recognizeSegments(segments(), engine, options);
  return { words, decodedMs: ((decodedBytes >> 1) / engine.sampleRate) * 1000, narrowBand };
}
