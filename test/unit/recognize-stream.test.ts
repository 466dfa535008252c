import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PiecePosition, Recognition, RecognitionEngine, RecognizeOptions } from '../../src/engines/engine.js';
import { recognizeSegments } from '../../src/pipeline/recognize-stream.js';
import type { AudioSegment } from '../../src/segment/silence-segmenter.js';

/**
 * An engine with two decoders that takes as many milliseconds per segment as the segment's first
 * sample says, and records when each segment was sent, started and finished. The timing of a real
 * decoder cannot be set, and this test is about the order of the pipeline's sends, not about words.
 */
function scriptedEngine() {
  const log: { piece: PiecePosition; sent: number; started: number; finished: number }[] = [];
  const queue: (() => void)[] = [];
  let busy = 0;
  const start = (): void => {
    while (busy < 2 && queue.length > 0) {
      busy++;
      (queue.shift() as () => void)();
    }
  };
  const engine: RecognitionEngine = {
    speechModel: 'scripted',
    acousticModel: 'scripted',
    languageModel: 'scripted',
    sampleRate: 1000,
    wideBandOnly: false,
    minSegmentMs: 0,
    parallelism: 2,
    prepareVocabulary: () => Promise.reject(new Error('not used')),
    close: () => Promise.resolve(),
    recognize: (samples: Int16Array, options: RecognizeOptions = {}): Promise<Recognition> => {
      const entry = { piece: options.piece as PiecePosition, sent: performance.now(), started: 0, finished: 0 };
      log.push(entry);
      return new Promise((resolve) => {
        queue.push(() => {
          entry.started = performance.now();
          void sleep(samples[0]).then(() => {
            entry.finished = performance.now();
            busy--;
            start();
            resolve({ words: [{ text: `w${entry.piece.index}`, startMs: 0, endMs: 1, confidence: 1 }], speech: null });
          });
        });
        start();
      });
    },
  };
  return { engine, log };
}

async function* segmentsOf(durationsMs: number[]): AsyncGenerator<AudioSegment> {
  for (const [index, ms] of durationsMs.entries()) yield { offsetSamples: index * 1000, samples: Int16Array.of(ms) };
}

describe('recognizing a stream of segments', () => {
  it('keeps both decoders busy while an older segment is still being decoded, with settled pieces the same on every run', async () => {
    const { engine, log } = scriptedEngine();
    // Segment 2 is slow; segments 3 and 4 are quick and can run beside it on the other decoder.
    const recognition = await recognizeSegments(segmentsOf([20, 20, 400, 20, 20, 20]), engine, { recording: 'r' });

    assert.deepEqual(recognition.words.map((word) => word.text), ['w0', 'w1', 'w2', 'w3', 'w4', 'w5']);
    assert.deepEqual(recognition.words.map((word) => word.startMs), [0, 1000, 2000, 3000, 4000, 5000]);
    // Segment N (of N decoders) waits for segment 0; after that one more than N are in flight.
    assert.deepEqual(log.map((entry) => entry.piece), [
      { index: 0, settledThrough: -1 },
      { index: 1, settledThrough: -1 },
      { index: 2, settledThrough: 0 },
      { index: 3, settledThrough: 0 },
      { index: 4, settledThrough: 1 },
      { index: 5, settledThrough: 2 },
    ]);
    const [, , slow, , fourth] = log as [unknown, unknown, (typeof log)[number], unknown, (typeof log)[number]];
    assert.ok(fourth.started < slow.finished, 'segment 4 was decoded beside the slow segment 2, not after it');
  });
});
