import { decodeAudio, type DecodeWindow } from '../audio/decode-audio.js';
import { probeAudio } from '../audio/probe-audio.js';
import type { RedactedAudioFiles } from '../audio/redacted-audio-files.js';
import { HarkError } from '../domain/errors.js';
import type { Job } from '../domain/job.js';
import type { TranscriptResult } from '../domain/transcript.js';
import type { RecognitionEngine } from '../engines/engine.js';
import { DEFAULT_SEGMENTER_OPTIONS, SilenceSegmenter, type AudioSegment } from '../segment/silence-segmenter.js';
import { acquireAudio, type AcquireDeps } from './acquire-audio.js';
import { assembleWords, meanConfidence } from './assemble-transcript.js';
import { recognizeSegments } from './recognize-stream.js';
import { redactJobAudio } from './redact-audio-stage.js';
import type { TextStage } from './text-stage.js';

/** AssemblyAI refuses audio shorter than this. */
const MIN_AUDIO_SECONDS = 0.16;

export interface PipelineDeps extends AcquireDeps {
  engine: RecognitionEngine;
  textStage: TextStage;
  redactedAudio: RedactedAudioFiles;
  maxAudioSeconds: number;
}

export type StageName = 'fetch' | 'probe' | 'recognize' | 'text' | 'redact';

export interface PipelineHooks {
  onStage?: (stage: StageName, durationMs: number) => void;
}

/**
 * The transcription pipeline: fetch → probe → decode → segment → recognise → assemble → text
 * features → redacted audio (when asked for). Returns the transcript or throws a HarkError from the
 * catalog; it stores nothing but the redacted audio (the worker stores the rest).
 */
export async function runTranscription(
  job: Pick<Job, 'id' | 'source' | 'options'>,
  deps: PipelineDeps,
  signal?: AbortSignal,
  hooks: PipelineHooks = {},
): Promise<TranscriptResult> {
  const timed = async <T>(stage: StageName, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work();
    hooks.onStage?.(stage, performance.now() - started);
    return value;
  };

  const audio = await timed('fetch', () => acquireAudio(job.id, job.source, deps, signal));
  try {
    const info = await timed('probe', () => probeAudio(audio.path, signal));
    if (info.durationSeconds !== null) checkDuration(info.durationSeconds, deps.maxAudioSeconds);
    const window = decodeWindow(job, info.durationSeconds);

    const engine = deps.engine;
    let decodedBytes = 0;
    const segments = async function* (): AsyncGenerator<AudioSegment> {
      const segmenter = new SilenceSegmenter({ sampleRate: engine.sampleRate, ...DEFAULT_SEGMENTER_OPTIONS });
      for await (const chunk of decodeAudio(audio.path, engine.sampleRate, window, signal)) {
        decodedBytes += chunk.length;
        yield* segmenter.push(chunk);
      }
      yield* segmenter.finish();
    };
    const engineWords = await timed('recognize', () => recognizeSegments(segments(), engine, signal));

    const decodedMs = ((decodedBytes >> 1) / engine.sampleRate) * 1000;
    const durationSeconds = info.durationSeconds ?? (window.startMs + decodedMs) / 1000;
    if (info.durationSeconds === null) checkDuration(durationSeconds, deps.maxAudioSeconds);
    const windowEndMs = Math.min(window.startMs + decodedMs, durationSeconds * 1000);
    const assembled = assembleWords(engineWords, window.startMs, Math.round(windowEndMs));
    const { words, text, sentences: _sentences, redactions, ...features } = await timed('text', () =>
      deps.textStage.run(assembled, job.options, signal),
    );
    const redactedAudio = job.options.redact_pii_audio === true
      ? await timed('redact', () => redactJobAudio(job, { path: audio.path, info, durationMs: durationSeconds * 1000 }, redactions, deps.redactedAudio, signal))
      : undefined;
    return {
      text,
      words,
      confidence: meanConfidence(words),
      audioDurationSeconds: durationSeconds,
      speechModel: engine.speechModel,
      acousticModel: engine.acousticModel,
      languageModel: engine.languageModel,
      features,
      redactedAudio,
    };
  } finally {
    await audio.release();
  }
}

function checkDuration(seconds: number, maxSeconds: number): void {
  if (seconds < MIN_AUDIO_SECONDS) throw new HarkError('AUDIO_TOO_SHORT', 'Audio duration is too short.');
  if (seconds > maxSeconds) {
    throw new HarkError(
      'AUDIO_TOO_LONG',
      `Audio duration of ${Math.round(seconds)} seconds is longer than the maximum of ${maxSeconds} seconds.`,
    );
  }
}

/** `audio_start_from` / `audio_end_at` as the part of the file to decode. */
function decodeWindow(job: Pick<Job, 'options'>, durationSeconds: number | null): DecodeWindow {
  const startMs = job.options.audio_start_from ?? 0;
  const endMs = job.options.audio_end_at;
  if (durationSeconds !== null && startMs >= durationSeconds * 1000) {
    throw new HarkError(
      'VALIDATION_FAILED',
      `audio_start_from (${startMs} ms) is past the end of the audio (${Math.round(durationSeconds * 1000)} ms).`,
    );
  }
  return { startMs, endMs };
}
