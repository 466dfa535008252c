import { createRequire } from 'node:module';

/**
 * The slice of `sherpa-onnx-node` (a CommonJS addon with ONNX Runtime inside, prebuilt per platform)
 * that the decoder uses, typed here because the package ships JSDoc rather than declarations.
 */

/** What a decode reports; token times are seconds from the start of the stream. */
export interface OfflineResult {
  text: string;
  tokens: string[];
  timestamps: number[];
  /** Token durations in seconds (TDT transducers only; otherwise empty). */
  durations: number[];
  /** Token log-probabilities (transducers; otherwise empty). */
  ys_log_probs: number[];
  /** The language the model tagged the audio with: SenseVoice `<|en|>`, multilingual Whisper `en`; empty for other families. */
  lang?: string;
}

export interface OfflineStream {
  acceptWaveform(waveform: { samples: Float32Array; sampleRate: number }): void;
}

export interface OfflineRecognizer {
  createStream(): OfflineStream;
  /** Decodes on a libuv worker thread. */
  decodeAsync(stream: OfflineStream): Promise<OfflineResult>;
}

/** sherpa-onnx's OfflineRecognizerConfig, as far as Hark sets it. */
export interface OfflineRecognizerConfig {
  featConfig: { sampleRate: number; featureDim: number };
  modelConfig: Record<string, unknown> & { tokens: string; numThreads: number; provider: string; debug: number };
  decodingMethod: string;
}

/** sherpa-onnx's VadModelConfig with a Silero model. */
export interface VadConfig {
  sileroVad: {
    model: string;
    threshold: number;
    minSilenceDuration: number;
    minSpeechDuration: number;
    maxSpeechDuration: number;
    windowSize: number;
  };
  sampleRate: number;
  numThreads: number;
  debug: boolean;
}

/** A detected speech stretch: `start` is its first sample in the audio given since the last reset. */
export interface VadSegment {
  start: number;
  samples: Float32Array;
}

export interface VoiceActivityDetector {
  acceptWaveform(samples: Float32Array): void;
  isEmpty(): boolean;
  front(enableExternalBuffer?: boolean): VadSegment;
  pop(): void;
  flush(): void;
  reset(): void;
}

export interface SherpaOnnxApi {
  OfflineRecognizer: new (config: OfflineRecognizerConfig) => OfflineRecognizer;
  Vad: new (config: VadConfig, bufferSizeInSeconds: number) => VoiceActivityDetector;
}

let api: SherpaOnnxApi | null = null;

/** Loads the addon once per process. Throws a readable error when the npm package is missing. */
export function loadSherpaOnnx(): SherpaOnnxApi {
  if (api !== null) return api;
  try {
    api = createRequire(import.meta.url)('sherpa-onnx-node') as SherpaOnnxApi;
  } catch (error) {
    throw new Error(`sherpa-onnx-node could not be loaded (run npm ci): ${(error as Error).message}`);
  }
  return api;
}
