import { channel } from 'node:diagnostics_channel';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeToPcmFile, type DecodeWindow } from '../audio/decode-audio.js';
import { probeAudio } from '../audio/probe-audio.js';
import type { RedactedAudioFiles } from '../audio/redacted-audio-files.js';
import { HarkError } from '../domain/errors.js';
import type { Job } from '../domain/job.js';
import { perChannel } from '../domain/options.js';
import type { TranscriptResult } from '../domain/transcript.js';
import { boostSpellings, vocabularyBoostOf } from '../domain/vocabulary-boost.js';
import type { RecognitionEngine } from '../engines/engine.js';
import { acquireAudio, type AcquireDeps } from './acquire-audio.js';
import { assembleWords, meanConfidence } from './assemble-transcript.js';
import type { DiarizeStage } from './diarize-stage.js';
import { identifyLanguage } from './language-detection.js';
import { recognizeAudio, type RecognizedAudio } from './recognize-audio.js';
import { redactJobAudio } from './redact-audio-stage.js';
import { diarizeWords, mergeChannels, speakerOutput } from './speaker-labels.js';
import type { TextStage } from './text-stage.js';

/** AssemblyAI refuses audio shorter than this. */
const MIN_AUDIO_SECONDS = 0.16;

export interface PipelineDeps extends AcquireDeps {
  engine: RecognitionEngine;
  textStage: TextStage;
  diarizeStage: DiarizeStage;
  redactedAudio: RedactedAudioFiles;
  maxAudioSeconds: number;
}

export type StageName = 'fetch' | 'probe' | 'decode' | 'recognize' | 'diarize' | 'text' | 'redact';

export interface PipelineHooks {
  onStage?: (stage: StageName, durationMs: number) => void;
}

/** A finished stage, as published on `stageChannel`. */
export interface StageTiming {
  jobId: string;
  stage: StageName;
  durationMs: number;
}

/**
 * Every job's stage timings, for observers in the same process (the benchmark times the diarization
 * stage inside real jobs this way); publishing costs nothing while nobody subscribes.
 */
export const stageChannel = channel('hark:pipeline:stage');

/**
 * The transcription pipeline: fetch → probe → decode to PCM files → narrow-band check → segment →
 * recognise (each channel on its own with multichannel) → assemble → speaker labels → text features →
 * redacted audio, the optional stages when asked for. Returns the transcript or throws a HarkError from the catalog; it stores
 * nothing but the redacted audio (the worker stores the rest).
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
    const durationMs = performance.now() - started;
    hooks.onStage?.(stage, durationMs);
    if (stageChannel.hasSubscribers) stageChannel.publish({ jobId: job.id, stage, durationMs } satisfies StageTiming);
    return value;
  };

  const audio = await timed('fetch', () => acquireAudio(job.id, job.source, deps, signal));
  let pcmPaths: string[] = [];
  try {
    const info = await timed('probe', () => probeAudio(audio.path, signal));
    if (info.durationSeconds !== null) checkDuration(info.durationSeconds, deps.maxAudioSeconds);
    const window = decodeWindow(job, info.durationSeconds);
    const engine = deps.engine;
    const byChannel = perChannel(job.options);
    // What is recognised on its own: each channel (multichannel), or the mix of all of them.
    const mixes = byChannel ? Array.from({ length: info.channels }, (_, channel) => channel) : [null];
    // Each mix decoded to a PCM file of its own, which the recognizer reads and then the diarizer.
    pcmPaths = mixes.map((_, index) => join(deps.scratchDir, `${job.id}.${index}.pcm`));
    await timed('decode', async () => {
      for (const [index, channel] of mixes.entries()) {
        await decodeToPcmFile(audio.path, engine.sampleRate, window, channel, pcmPaths[index] as string, signal);
      }
    });

    const recognized = await timed('recognize', async () => {
      const boost = vocabularyBoostOf(job.options);
      const vocabulary = boost === null ? undefined : await engine.prepareVocabulary(boost);
      const runs: RecognizedAudio[] = [];
      // One mix after the other: each already keeps every decoder busy.
      for (const pcmPath of pcmPaths) runs.push(await recognizeAudio(pcmPath, info.sampleRate, engine, { signal, vocabulary }));
      return runs;
    });
    // Before the costlier stages: a language below the requested confidence ends the job here.
    const language = job.options.language_detection === true
      ? identifyLanguage(recognized.flatMap((run) => run.words), job.options.language_confidence_threshold)
      : null;
    const decodedMs = Math.max(...recognized.map((run) => run.decodedMs));
    const durationSeconds = info.durationSeconds ?? (window.startMs + decodedMs) / 1000;
    if (info.durationSeconds === null) checkDuration(durationSeconds, deps.maxAudioSeconds);
    const windowEndMs = Math.round(Math.min(window.startMs + decodedMs, durationSeconds * 1000));
    const heard = recognized.map((run) => assembleWords(run.words, window.startMs, windowEndMs));

    const diarizing = job.options.speaker_labels === true;
    const labelled = diarizing
      ? await timed('diarize', () =>
          Promise.all(heard.map((words, index) => {
            const speech = (recognized[index] as RecognizedAudio).speech;
            const pcm = { pcmPath: pcmPaths[index] as string, sampleRate: engine.sampleRate, startMs: window.startMs, speech };
            return diarizeWords(words, pcm, job.options, deps.diarizeStage, signal);
          })))
      : heard;
    const assembled = byChannel ? mergeChannels(labelled) : (labelled[0] ?? []);
    // The request's own custom spellings come first: they win over a boost term's casing.
    const customSpelling = [...(job.options.custom_spelling ?? []), ...boostSpellings(job.options)];
    const { words: formatted, text, sentences: _sentences, redactions, ...features } = await timed('text', () =>
      deps.textStage.run(assembled, { ...job.options, custom_spelling: customSpelling }, signal),
    );
    const { words, utterances } = diarizing || byChannel ? speakerOutput(formatted, byChannel) : { words: formatted, utterances: undefined };
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
      ...(language === null ? {} : { languageCode: language.code, languageConfidence: language.confidence }),
      features,
      utterances,
      audioChannels: byChannel ? info.channels : undefined,
      redactedAudio,
    };
  } finally {
    for (const path of pcmPaths) await rm(path, { force: true });
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
