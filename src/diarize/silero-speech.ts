/**
 * The diarizer's speech regions from Silero VAD, the detector that gates recognition: it tells
 * speech from noise, music and far-off murmur, where the energy detector (speech-regions.ts) takes
 * whatever is loud. Measured on the eval set's meeting excerpts, it cut the energy detector's false
 * alarms (a third of dev01's speech time, 2.6 times tst01's) to almost none.
 */
import { SpeechDetector } from '../vad/speech-detector.js';
import { bridgePauses, type TimeSpan } from './speech-regions.js';

/** Silero runs at 16 kHz, the rate jobs decode to; other rates get the energy detector. */
export const SILERO_SAMPLE_RATE = 16_000;
/** The recognizer's default speech gate (HARK_SPEECH_THRESHOLD): what it transcribes, the diarizer labels. */
const THRESHOLD = 0.25;

/** Model loading costs more than a short file's detection, so a process keeps its detector. */
let detector: SpeechDetector | undefined;

/** Speech regions (ms) of 16 kHz audio, pauses bridged as the energy detector bridges them. */
export function sileroSpeech(samples: Int16Array): TimeSpan[] {
  detector ??= new SpeechDetector({ sampleRate: SILERO_SAMPLE_RATE, threshold: THRESHOLD });
  const toMs = (sample: number): number => (sample / SILERO_SAMPLE_RATE) * 1000;
  return bridgePauses(detector.detect(samples).map((span) => ({ start: toMs(span.start), end: toMs(span.end) })));
}
