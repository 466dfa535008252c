import { decodeAudio, type DecodeWindow } from '../audio/decode-audio.js';
import type { RecognitionEngine } from '../engines/engine.js';
import { DEFAULT_SEGMENTER_OPTIONS, SilenceSegmenter, type AudioSegment } from '../segment/silence-segmenter.js';
import { recognizeSegments, type TimedWord } from './recognize-stream.js';

export interface RecognizedAudio {
  /** On the decoded window's timeline. */
  words: TimedWord[];
  /** Length of the decoded window, in ms. */
  decodedMs: number;
}

/**
 * Stages 3–4 for one mix of the audio: decode → cut at pauses → recognise, streaming throughout.
 * `channel`: the 0-based channel to decode alone (multichannel), or null for the mix of all channels.
 * `tee`: receives every decoded chunk too, in order (the diarizer's copy of the audio).
 */
export async function recognizeAudio(
  path: string,
  engine: RecognitionEngine,
  window: DecodeWindow,
  channel: number | null,
  tee: ((chunk: Buffer) => Promise<void>) | null,
  signal?: AbortSignal,
): Promise<RecognizedAudio> {
  let decodedBytes = 0;
  const segments = async function* (): AsyncGenerator<AudioSegment> {
    const segmenter = new SilenceSegmenter({ sampleRate: engine.sampleRate, ...DEFAULT_SEGMENTER_OPTIONS });
    for await (const chunk of decodeAudio(path, engine.sampleRate, window, channel, signal)) {
      decodedBytes += chunk.length;
      await tee?.(chunk);
      yield* segmenter.push(chunk);
    }
    yield* segmenter.finish();
  };
  const words = await recognizeSegments(segments(), engine, signal);
  return { words, decodedMs: ((decodedBytes >> 1) / engine.sampleRate) * 1000 };
}
