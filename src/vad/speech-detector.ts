import { createRequire } from 'node:module';
import { loadSherpaOnnx, type VoiceActivityDetector } from '../engines/sherpa-onnx/sherpa-onnx-binding.js';

/** A stretch of speech, in samples from the start of the audio given to `detect`. */
export interface SpeechSpan {
  start: number;
  end: number;
}

export interface SpeechDetectorOptions {
  sampleRate: number;
  /** Speech probability above which a 32 ms window counts as speech. */
  threshold: number;
}

/**
 * Silero VAD v5 (the ONNX file shipped inside the `@ricky0123/vad-web` npm package, so nothing is
 * downloaded) run through sherpa-onnx's detector. Silero tells speech from music, tones and noise,
 * which an energy threshold cannot.
 */
const SILERO_MODEL_PATH = createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');

/** Silero's window at 16 kHz. */
const WINDOW_SAMPLES = 512;

export class SpeechDetector {
  readonly #vad: VoiceActivityDetector;

  constructor(options: SpeechDetectorOptions) {
    const { Vad } = loadSherpaOnnx();
    this.#vad = new Vad(
      {
        sileroVad: {
          model: SILERO_MODEL_PATH,
          threshold: options.threshold,
          minSilenceDuration: 0.25,
          minSpeechDuration: 0.1,
          // Segments reaching the detector are at most 25 s; never split one here.
          maxSpeechDuration: 60,
          windowSize: WINDOW_SAMPLES,
        },
        sampleRate: options.sampleRate,
        numThreads: 1,
        debug: false,
      },
      90,
    );
  }

  /** Speech stretches in one piece of 16-bit PCM, judged on its own (the detector starts fresh). */
  detect(samples: Int16Array): SpeechSpan[] {
    if (samples.length === 0) return [];
    this.#vad.reset();
    const spans: SpeechSpan[] = [];
    const collect = (): void => {
      while (!this.#vad.isEmpty()) {
        const segment = this.#vad.front(false);
        spans.push({ start: segment.start, end: segment.start + segment.samples.length });
        this.#vad.pop();
      }
    };
    // Window by window: handed a long array at once, the detector only judges its tail. Each window
    // is converted on its own, so a diarized hour costs no float copy of the whole file (230 MB).
    for (let at = 0; at < samples.length; at += WINDOW_SAMPLES) {
      const floats = new Float32Array(Math.min(WINDOW_SAMPLES, samples.length - at));
      for (let i = 0; i < floats.length; i++) floats[i] = (samples[at + i] as number) / 32768;
      this.#vad.acceptWaveform(floats);
      collect();
    }
    this.#vad.flush();
    collect();
    return spans;
  }
}
