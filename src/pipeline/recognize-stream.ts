import type { EngineWord, Recognition, RecognitionEngine, RecognizeOptions } from '../engines/engine.js';
import type { AudioSegment } from '../segment/silence-segmenter.js';

/** A word placed on the timeline of the decoded stream (ms from the first decoded sample). */
export type TimedWord = EngineWord;

/**
 * Stage 4: recognises segments as they arrive, keeping a few in flight so that every decoder works
 * on a long file while memory stays bounded (the segment source is not pulled while the window is
 * full). Words and speech come back in stream order, on the stream's timeline.
 *
 * Once the first segment has settled, the window holds one segment more than there are decoders; it
 * waits in the engine's queue, so a decoder that finishes before the oldest segment in flight takes
 * it at once instead of idling until the oldest settles. The 10-minute file of the bench took
 * 68.0 s with one segment per decoder throughout and 64.2 s with one more throughout (medians of
 * three alternating in-process runs, two decoders); the two longform files' WER was 0.350 either
 * way. Until then the window is one per decoder, so segment N of N decoders starts from what
 * segment 0 left (see PiecePosition): when it went out with nothing settled, speaker adaptation had
 * only a phone pass to start it from, and the three-piece telephone sonnet had 5 more errors.
 */
export async function recognizeSegments(
  segments: AsyncIterable<AudioSegment>,
  engine: RecognitionEngine,
  options: RecognizeOptions = {},
): Promise<Recognition> {
  const inFlight: Promise<Recognition>[] = [];
  const words: TimedWord[] = [];
  // Known only if every segment's speech is: a gap would read as silence.
  let speech: Recognition['speech'] = [];
  const msPerSample = 1000 / engine.sampleRate;
  const decoders = Math.max(1, engine.parallelism);
  let settled = 0;
  const drainOne = async (): Promise<void> => {
    const next = inFlight.shift();
    if (next) {
      const recognition = await next;
      words.push(...recognition.words);
      if (speech !== null && recognition.speech !== null) speech.push(...recognition.speech);
      else speech = null;
    }
    settled++;
  };
  try {
    for await (const segment of segments) {
      const offsetMs = segment.offsetSamples * msPerSample;
      // Segments settle in order (the window drains its oldest), so `settled` is the same on every
      // run: with a window of W, segment k goes out once segment k - W has been recognised (W grows
      // by one after the first). The segments sent so far are those settled and those in the window.
      const piece = { index: settled + inFlight.length, settledThrough: settled - 1 };
      const shift = <T extends { startMs: number; endMs: number }>(timed: T): T => ({ ...timed, startMs: timed.startMs + offsetMs, endMs: timed.endMs + offsetMs });
      const recognition = engine.recognize(segment.samples, { ...options, piece }).then((found) => ({
        words: found.words.map(shift),
        speech: found.speech && found.speech.map(shift),
      }));
      // Attach a handler now so a rejection waiting in the window is never "unhandled".
      recognition.catch(() => {});
      inFlight.push(recognition);
      if (inFlight.length >= (settled === 0 ? decoders : decoders + 1)) await drainOne();
    }
    while (inFlight.length > 0) await drainOne();
  } finally {
    await Promise.allSettled(inFlight);
  }
  return { words, speech };
}
