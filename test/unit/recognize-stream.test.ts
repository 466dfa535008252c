import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PiecePosition, RecognitionEngine } from '../../src/engines/engine.js';
import { TaskWorker } from '../../src/lib/task-worker.js';
import { recognizeSegments } from '../../src/pipeline/recognize-stream.js';
import type { AudioSegment } from '../../src/segment/silence-segmenter.js';
import type { TimingResult, TimingTask } from '../helpers/child-timing-tasks.js';

/**
 * An engine whose two "decoders" are the task worker's two slots (the queue the pooled engine
 * uses): each segment takes as many milliseconds as its first sample says. The timing of a real
 * decoder cannot be set, and this test is about the order of the pipeline's sends, not about words.
 */
function scriptedEngine(worker: TaskWorker<TimingTask, TimingResult>) {
  const log: { piece: PiecePosition; ran: Promise<TimingResult> }[] = [];
  const engine: RecognitionEngine = {
    speechModel: 'scripted',
    acousticModel: 'scripted',
    languageModel: 'scripted',
    sampleRate: 1000,
    wideBandOnly: false,
    minSegmentMs: 0,
    parallelism: worker.concurrency,
    prepareVocabulary: () => Promise.reject(new Error('not used')),
    close: () => worker.close(),
    recognize: async (samples, options = {}) => {
      const piece = options.piece as PiecePosition;
      const ran = worker.run({ waitMs: samples[0] as number });
      log.push({ piece, ran });
      await ran;
      return { words: [{ text: `w${piece.index}`, startMs: 0, endMs: 1, confidence: 1 }], speech: null };
    },
  };
  return { engine, log };
}

/** Segments of `seconds` each (20 s unless given: about a full adapted piece), taking `durationsMs` to decode. */
async function* segmentsOf(durationsMs: number[], seconds: number[] = durationsMs.map(() => 20)): AsyncGenerator<AudioSegment> {
  let offsetSamples = 0;
  for (const [index, ms] of durationsMs.entries()) {
    const samples = new Int16Array((seconds[index] as number) * 1000);
    samples[0] = ms;
    yield { offsetSamples, samples };
    offsetSamples += samples.length;
  }
}

function twoDecoders() {
  const worker = new TaskWorker<TimingTask, TimingResult>({ modulePath: fileURLToPath(new URL('../helpers/child-timing-tasks.js', import.meta.url)), concurrency: 2, isolation: 'thread' });
  after(() => worker.close());
  return scriptedEngine(worker);
}

describe('recognizing a stream of segments', () => {
  it('keeps both decoders busy while an older segment is still being decoded, with settled pieces the same on every run', async () => {
    const { engine, log } = twoDecoders();
    // Segment 2 is slow; segments 3 and 4 are quick and can run beside it on the other decoder.
    const recognition = await recognizeSegments(segmentsOf([20, 20, 400, 20, 20, 20]), engine, { recording: 'r' });

    assert.deepEqual(recognition.words.map((word) => word.text), ['w0', 'w1', 'w2', 'w3', 'w4', 'w5']);
    assert.deepEqual(recognition.words.map((word) => word.startMs), [0, 20_000, 40_000, 60_000, 80_000, 100_000]);
    // Segment N (of N decoders) waits for segment 0; after that one more than N are in flight.
    assert.deepEqual(log.map((entry) => entry.piece), [
      { index: 0, settledThrough: -1 },
      { index: 1, settledThrough: -1 },
      { index: 2, settledThrough: 0 },
      { index: 3, settledThrough: 0 },
      { index: 4, settledThrough: 1 },
      { index: 5, settledThrough: 2 },
    ]);
    const [, , slow, , fourth] = (await Promise.all(log.map((entry) => entry.ran))) as TimingResult[];
    assert.ok((fourth as TimingResult).startedAt < (slow as TimingResult).endedAt, 'segment 4 was decoded beside the slow segment 2, not after it');
  });

  it('goes on sending short segments while a longer, older one is decoded: the window counts audio, not segments', async () => {
    const { engine, log } = twoDecoders();
    // Segment 2 is long and slow; the short ones after it (as at the end of a long stream) fit beside it.
    const recognition = await recognizeSegments(segmentsOf([20, 20, 400, 20, 20, 20, 20], [20, 20, 20, 5, 5, 5, 5]), engine, { recording: 'r' });

    assert.deepEqual(recognition.words.map((word) => word.text), ['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
    assert.deepEqual(recognition.words.map((word) => word.startMs), [0, 20_000, 40_000, 60_000, 65_000, 70_000, 75_000]);
    // After segment 0 the window holds up to 50 s of audio (25 s per decoder): segments 3–5 join
    // segment 2 without anything settling, segment 6 once segment 1 has.
    assert.deepEqual(log.map((entry) => entry.piece), [
      { index: 0, settledThrough: -1 },
      { index: 1, settledThrough: -1 },
      { index: 2, settledThrough: 0 },
      { index: 3, settledThrough: 0 },
      { index: 4, settledThrough: 0 },
      { index: 5, settledThrough: 0 },
      { index: 6, settledThrough: 1 },
    ]);
    const ran = (await Promise.all(log.map((entry) => entry.ran))) as TimingResult[];
    assert.ok((ran[6] as TimingResult).endedAt < (ran[2] as TimingResult).endedAt, 'the last short segment was decoded beside the slow segment 2');
  });
});
