import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { readPcmFile } from '../audio/decode-audio.js';
import type { Recognition, RecognitionEngine, RecognizeOptions } from '../engines/engine.js';
import { DEFAULT_SEGMENTER_OPTIONS, SilenceSegmenter, type AudioSegment } from '../segment/silence-segmenter.js';
import { narrowBandFrontEnd } from './narrow-band-front-end.js';
import { recognizeSegments, type TimedWord } from './recognize-stream.js';

export interface RecognizedAudio {
  /** On the decoded window's timeline. */
  words: TimedWord[];
  /** Where the engine's speech gate heard speech, on the same timeline; null when it decoded ungated. */
  speech: Recognition['speech'];
  /** Length of the decoded window, in ms. */
  decodedMs: number;
  /** Whether it was heard as narrow-band (telephone) audio; false when the engine needs no such care. */
  narrowBand: boolean;
}

/**
 * The segmenter that cuts audio for `engine` at pauses, as the pipeline does; given the stream's
 * length in samples, it cuts the end of a long stream so that the engine's decoders finish together.
 */
export function pipelineSegmenter(engine: RecognitionEngine, streamSamples?: number): SilenceSegmenter {
  return new SilenceSegmenter({
    sampleRate: engine.sampleRate,
    ...DEFAULT_SEGMENTER_OPTIONS,
    minSegmentMs: engine.minSegmentMs,
    streamEnd: streamSamples === undefined ? undefined : { samples: streamSamples, decoders: Math.max(1, engine.parallelism) },
  });
}

/**
 * Stage 4 for one mix of the audio, already decoded to the raw PCM file `pcmPath`: (narrow-band
 * check) → cut at pauses → recognise, streaming from the file.
 * `sourceRate`: the original file's own sample rate as ffprobe reported it (0 when unknown).
 * `options`: the job's abort signal and the terms to favour, for every segment.
 */
export async function recognizeAudio(
  pcmPath: string,
  sourceRate: number,
  engine: RecognitionEngine,
  options: RecognizeOptions = {},
): Promise<RecognizedAudio> {
  // Every call is one recording (a file, or one channel of it): its segments share a speaker. The
  // front end gives its verdict before the first segment is cut, so every segment is sent with it.
  const recognizeOptions: RecognizeOptions = { ...options, recording: randomUUID(), narrowBand: false };
  const frontEnd = engine.wideBandOnly
    ? narrowBandFrontEnd(readPcmFile(pcmPath), sourceRate, engine.sampleRate, (verdict) => (recognizeOptions.narrowBand = verdict))
    : readPcmFile(pcmPath);
  const decodedSamples = (await stat(pcmPath)).size >> 1;
  const segments = async function* (): AsyncGenerator<AudioSegment> {
    const segmenter = pipelineSegmenter(engine, decodedSamples);
    for await (const block of frontEnd) yield* segmenter.push(block);
    yield* segmenter.finish();
  };
  const { words, speech } = await recognizeSegments(segments(), engine, recognizeOptions);
  return { words, speech, decodedMs: (decodedSamples / engine.sampleRate) * 1000, narrowBand: recognizeOptions.narrowBand === true };
}
