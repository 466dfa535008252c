import type { EngineWord, Recognition, RecognitionEngine, RecognizeOptions } from '../engines/engine.js';
import { DEFAULT_SEGMENTER_OPTIONS, type AudioSegment } from '../segment/silence-segmenter.js';

/** A word placed on the timeline of the decoded stream (ms from the first decoded sample). */
export type TimedWord = EngineWord;

/**
 * Stage 4: recognises segments as they arrive, keeping a few in flight so that every decoder works
 * on a long file while memory stays bounded (the segment source is not pulled while the window is
 * full). Words and speech come back in stream order, on the stream's timeline.
 *
 * Until the first segment has settled, the window holds one segment per decoder, so segment N of N
 * decoders starts from what segment 0 left (see PiecePosition): when it went out with nothing
 * settled, speaker adaptation had only a phone pass to start it from, and the three-piece telephone
 * sonnet had 5 more errors. From then on it holds segments while they add up to no more than
 * the audio of one longest segment per decoder, and drains when a segment takes it past that.
 * Pieces of adapted recognition are at least two thirds of the longest (cut at the quietest frame of
 * the last third), so with two decoders the window holds three: the third waits in the engine's
 * queue, so a decoder that finishes before the oldest segment in flight takes it at once instead of
 * idling until the oldest settles. The 10-minute file of the bench took 68.0 s with one segment per
 * decoder throughout and 64.2 s with one more throughout (medians of three alternating in-process
 * runs, two decoders); the two longform files' WER was 0.350 either way. Counted in audio rather
 * than segments, the window goes on taking short segments, such as those the segmenter cuts at the
 * end of a long stream, while the oldest, longer one is still being recognised.
 */
export async function recognizeSegments(
  segments: AsyncIterable<AudioSegment>,
  engine: RecognitionEngine,
  options: RecognizeOptions = {},
): Promise<Recognition> {
  const inFlight: { recognition: Promise<Recognition>; samples: number }[] = [];
  const words: TimedWord[] = [];
  // Known only if every segment's speech is: a gap would read as silence.
  let speech: Recognition['speech'] = [];
  const msPerSample = 1000 / engine.sampleRate;
  const decoders = Math.max(1, engine.parallelism);
  const windowSamples = decoders * (DEFAULT_SEGMENTER_OPTIONS.maxSegmentMs / 1000) * engine.sampleRate;
  let samplesInFlight = 0;
  let settled = 0;
  const drainOne = async (): Promise<void> => {
    const next = inFlight.shift();
    if (next) {
      samplesInFlight -= next.samples;
      const recognition = await next.recognition;
      words.push(...recognition.words);
      if (speech !== null && recognition.speech !== null) speech.push(...recognition.speech);
      else speech = null;
    }
    settled++;
  };
  try {
    for await (const segment of segments) {
      const offsetMs = segment.offsetSamples * msPerSample;
      // Segments settle in order (the window drains its oldest) and how many the window holds
      // depends on their lengths alone, so `settled` is the same on every run. The segments sent so
      // far are those settled and those in the window.
      const piece = { index: settled + inFlight.length, settledThrough: settled - 1 };
      const shift = <T extends { startMs: number; endMs: number }>(timed: T): T => ({ ...timed, startMs: timed.startMs + offsetMs, endMs: timed.endMs + offsetMs });
      const recognition = engine.recognize(segment.samples, { ...options, piece }).then((found) => ({
        words: found.words.map(shift),
        speech: found.speech && found.speech.map(shift),
      }));
      // Attach a handler now so a rejection waiting in the window is never "unhandled".
      recognition.catch(() => {});
      inFlight.push({ recognition, samples: segment.samples.length });
      samplesInFlight += segment.samples.length;
      if (settled === 0) {
        if (inFlight.length >= decoders) await drainOne();
      } else {
        while (samplesInFlight > windowSamples) await drainOne();
      }
    }
    while (inFlight.length > 0) await drainOne();
  } finally {
    await Promise.allSettled(inFlight.map((entry) => entry.recognition));
  }
  return { words, speech };
}
