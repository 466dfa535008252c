import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeToPcmFile } from '../../src/audio/decode-audio.js';
import { probeAudio } from '../../src/audio/probe-audio.js';
import type { RecognitionEngine } from '../../src/engines/engine.js';
import { pipelineSegmenter, recognizeAudio, type RecognizedAudio } from '../../src/pipeline/recognize-audio.js';
import { recognizeSegments, type TimedWord } from '../../src/pipeline/recognize-stream.js';
import type { AudioSegment } from '../../src/segment/silence-segmenter.js';
import { scratchDir } from './audio-fixtures.js';

/** The decode window that takes the whole file. */
export const WHOLE_FILE = { startMs: 0, endMs: null };

/** Runs `use` on the whole of `path` decoded to a raw PCM file at `sampleRate`, as the pipeline decodes it. */
async function withPcmFile<T>(path: string, sampleRate: number, use: (pcmPath: string) => Promise<T>): Promise<T> {
  const dir = scratchDir();
  try {
    const pcmPath = join(dir, 'decoded.pcm');
    await decodeToPcmFile(path, sampleRate, WHOLE_FILE, null, pcmPath);
    return await use(pcmPath);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The whole of `path` as 16-bit mono samples at `sampleRate`, decoded as the pipeline decodes it. */
export function decodedSamples(path: string, sampleRate: number): Promise<Int16Array> {
  return withPcmFile(path, sampleRate, async (pcmPath) => {
    const bytes = await readFile(pcmPath);
    return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
  });
}

/** The whole of `path` through the pipeline's decode and recognise stages, as a job without options runs them. */
export async function recognizeFile(path: string, engine: RecognitionEngine): Promise<RecognizedAudio> {
  const { sampleRate } = await probeAudio(path);
  return withPcmFile(path, engine.sampleRate, (pcmPath) => recognizeAudio(pcmPath, sampleRate, engine));
}

/**
 * The whole of `path` as `recognizeFile` recognises it but without the narrow-band check: the same
 * pieces and recording, every file taken for wide-band audio (narrow-band audio plainly upsampled).
 */
export async function recognizeFileAsWideBand(path: string, engine: RecognitionEngine): Promise<TimedWord[]> {
  const samples = await decodedSamples(path, engine.sampleRate);
  const segments = async function* (): AsyncGenerator<AudioSegment> {
    const segmenter = pipelineSegmenter(engine);
    yield* segmenter.push(samples);
    yield* segmenter.finish();
  };
  return (await recognizeSegments(segments(), engine, { recording: randomUUID() })).words;
}
