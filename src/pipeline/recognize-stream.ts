import type { EngineWord, Recognition, RecognitionEngine, RecognizeOptions } from '../engines/engine.js';
import type { AudioSegment } from '../segment/silence-segmenter.js';

/** A word placed on the timeline of the decoded stream (ms from the first decoded sample). */
export type TimedWord = EngineWord;

/**
 * Stage 4: recognises segments as they arrive, keeping up to `engine.parallelism` in flight so that
 * every decoder works on a long file while memory stays bounded (the segment source is
 * not pulled while the window is full). Words and speech come back in stream order, on the stream's
 * timeline.
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
      // run: with a window of W, segment k goes out once segment k - W has been recognised. The
      // segments sent so far are those settled and those in the window.
      const piece = { index: settled + inFlight.length, settledThrough: settled - 1 };
      const shift = <T extends { startMs: number; endMs: number }>(timed: T): T => ({ ...timed, startMs: timed.startMs + offsetMs, endMs: timed.endMs + offsetMs });
      const recognition = engine.recognize(segment.samples, { ...options, piece }).then((found) => ({
        words: found.words.map(shift),
        speech: found.speech && found.speech.map(shift),
      }));
      // Attach a handler now so a rejection waiting in the window is never "unhandled".
      recognition.catch(() => {});
      inFlight.push(recognition);
      if (inFlight.length >= Math.max(1, engine.parallelism)) await drainOne();
    }
    while (inFlight.length > 0) await drainOne();
  } finally {
    await Promise.allSettled(inFlight);
  }
  return { words, speech };
}
