/**
 * Speaker labels measured on the shared eval set, for `npm run bench` and bench/diarization-eval.ts:
 * DER (250 ms collar) of the diarizer on every who-spoke-when item, with and without the true speaker
 * count; the count it finds on its own; the share of transcript words that name the right talker
 * (through Hark, recognition included); and what diarizing a 10-minute two-talker file costs next to
 * transcribing it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COLLAR_MS, diarizationErrorRate, type DerResult, type LabelledSegment } from '../../src/diarize/der.js';
import { diarize, type DiarizeOptions, type SpeakerTurn } from '../../src/diarize/diarize.js';
import { DiarizeStagePool } from '../../src/pipeline/diarize-stage.js';
import { stageChannel, type StageTiming } from '../../src/pipeline/run-transcription.js';
import { evalDir, evalItems, type EvalItem } from '../../test/helpers/eval-set.js';
import { startFileServer } from '../../test/helpers/file-server.js';
import { startHark } from '../../test/helpers/hark.js';
import { decode, isDiarizationItem, RATE, referenceOf, speakerCount } from './diarization-items.js';
import { RAW_WORDS, transcribe } from './hark-jobs.js';
import { twoTalkerAudio, writeWav } from './two-talker-audio.js';
import { wordSpeakerAccuracy, type WordSpeakerAccuracy } from './word-speaker-accuracy.js';

/** The acceptance bounds on DER. */
const TARGETS: Readonly<Record<string, number>> = {
  espeak_dialogue_two_voices: 0.2,
  fw_stereo_diarization: 0.2,
  pyannote_ami_dev00: 0.35,
  pyannote_ami_dev01: 0.35,
  'lhotse_ami_ES2011a_40-46s': 0.35,
};
const LONG_SECONDS = 600;

export interface DiarizationRow {
  id: string;
  seconds: number;
  speakers: number;
  /** Speakers found without being told the count. */
  found: number;
  /** The DER bound for the item, if any. */
  target: number | null;
  /** DER without the count, with it, and with it and the reference's own speech regions (speaker errors alone); null without a timed reference. */
  der: { auto: number | null; given: number | null; givenReferenceSpeech: number | null };
  /** Shares of scored speech, without the count. */
  breakdown: { missed: number; falseAlarm: number; confusion: number } | null;
  /** Diarizer time without the count, in this process. */
  diarizeMs: number;
  /** Transcript words that name the right talker, through Hark with speaker_labels; null when not transcribed. */
  words: WordSpeakerAccuracy | null;
}

export interface DiarizationSpeed {
  audioSeconds: number;
  speakersFound: number;
  der: number;
  /** The diarization process on its own, the PCM read from a file and the speech found by its own Silero run. */
  diarizeSeconds: number;
  /**
   * The diarization stage inside a job with speaker_labels, over the speech the recogniser's gate
   * reported; null when not transcribed.
   */
  jobDiarizeSeconds: number | null;
  /** That job's wall time without its diarization stage: the transcription. Null when not transcribed. */
  transcribeSeconds: number | null;
  /** jobDiarizeSeconds / transcribeSeconds: the issue asks for under 0.1. */
  share: number | null;
  /** The job's words that name the right talker; null when not transcribed. */
  words: WordSpeakerAccuracy | null;
}

export interface DiarizationReport {
  collarMs: number;
  rows: DiarizationRow[];
  tenMinutes: DiarizationSpeed;
}

export interface DiarizationReportOptions {
  /** Run Hark for the word-level accuracy and the transcription time (minutes of recognition). Default true. */
  transcribe?: boolean;
}

const share = (part: number, result: DerResult): number => part / result.scored;

function timedDiarize(samples: Int16Array, options: DiarizeOptions): { turns: SpeakerTurn[]; ms: number } {
  const started = performance.now();
  const turns = diarize(samples, RATE, options);
  return { turns, ms: performance.now() - started };
}

function scoreItem(item: EvalItem, samples: Int16Array, reference: LabelledSegment[] | null): Omit<DiarizationRow, 'words'> {
  const auto = timedDiarize(samples, {});
  const given = diarize(samples, RATE, { speakersExpected: item.speakers });
  const der = (turns: SpeakerTurn[]): DerResult | null => (reference ? diarizationErrorRate(reference, turns) : null);
  const autoDer = der(auto.turns);
  const oracle = reference ? diarize(samples, RATE, { speakersExpected: item.speakers, speech: reference }) : null;
  return {
    id: item.id,
    seconds: samples.length / RATE,
    speakers: item.speakers,
    found: speakerCount(auto.turns),
    target: TARGETS[item.id] ?? null,
    der: { auto: autoDer?.der ?? null, given: der(given)?.der ?? null, givenReferenceSpeech: oracle && (der(oracle)?.der ?? null) },
    breakdown: autoDer && { missed: share(autoDer.missed, autoDer), falseAlarm: share(autoDer.falseAlarm, autoDer), confusion: share(autoDer.confusion, autoDer) },
    diarizeMs: auto.ms,
  };
}

/** The diarization process's time on `samples` when it finds the speech itself, after a warm-up on the first minute. */
async function timeStage(samples: Int16Array, scratch: string): Promise<{ turns: SpeakerTurn[]; seconds: number }> {
  const pcmPath = join(scratch, 'long.pcm');
  writeFileSync(pcmPath, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  const warmPath = join(scratch, 'warm.pcm');
  writeFileSync(warmPath, Buffer.from(samples.buffer, samples.byteOffset, Math.min(samples.byteLength, 60 * RATE * 2)));
  const stage = new DiarizeStagePool();
  try {
    await stage.run({ pcmPath: warmPath, sampleRate: RATE, options: {} });
    const started = performance.now();
    const turns = await stage.run({ pcmPath, sampleRate: RATE, options: {} });
    return { turns, seconds: (performance.now() - started) / 1000 };
  } finally {
    await stage.close();
  }
}

/** How long each job spent in its diarization stage (ms, by job id), from the pipeline's stage channel. */
function diarizationStageTimes(): { ms: Map<string, number>; stop(): void } {
  const ms = new Map<string, number>();
  const listener = (message: unknown): void => {
    const timing = message as StageTiming;
    if (timing.stage === 'diarize') ms.set(timing.jobId, timing.durationMs);
  };
  stageChannel.subscribe(listener);
  return { ms, stop: () => stageChannel.unsubscribe(listener) };
}

/** Hark for the transcript-level measures, or a stand-in that transcribes nothing. */
async function transcriber(enabled: boolean, scratch: string) {
  if (!enabled) return { run: async () => null, close: async () => {} };
  const [hark, evalFiles, scratchFiles] = await Promise.all([
    startHark({ HARK_ENGINE_WORKERS: String(availableParallelism()), HARK_JOB_CONCURRENCY: '1' }),
    startFileServer(evalDir()),
    startFileServer(scratch),
  ]);
  return {
    /** `path` under the eval folder or the scratch folder. */
    run: async (path: string, options: Record<string, unknown>) => {
      const [files, root] = path.startsWith(scratch) ? [scratchFiles, scratch] : [evalFiles, evalDir()];
      const job = await transcribe(hark.url, `${files.url}/${path.slice(root.length + 1)}`, { ...RAW_WORDS, ...options });
      if (job.status !== 'completed') throw new Error(`${path}: ${job.error}`);
      return job;
    },
    close: async () => {
      await Promise.all([hark.close(), evalFiles.close(), scratchFiles.close()]);
    },
  };
}

export async function diarizationReport(options: DiarizationReportOptions = {}): Promise<DiarizationReport> {
  const items = evalItems();
  const scratch = mkdtempSync(join(tmpdir(), 'hark-diarization-'));
  const hark = await transcriber(options.transcribe ?? true, scratch);
  try {
    const rows: DiarizationRow[] = [];
    for (const item of items.filter(isDiarizationItem)) {
      const reference = referenceOf(item);
      const job = reference ? await hark.run(item.path, { speaker_labels: true }) : null;
      rows.push({ ...scoreItem(item, decode(item.path), reference), words: job && reference ? wordSpeakerAccuracy(reference, job.words) : null });
    }

    const long = twoTalkerAudio(items, LONG_SECONDS);
    const longPath = join(scratch, 'two-talkers.wav');
    writeWav(long.samples, longPath);
    const stageTimes = diarizationStageTimes();
    const job = await hark.run(longPath, { speaker_labels: true }).finally(() => stageTimes.stop());
    const jobDiarizeMs = job && stageTimes.ms.get(job.id);
    // A missing timing must not read as a stage that cost nothing.
    if (jobDiarizeMs === undefined) throw new Error('the speaker-labelled job published no diarization stage timing');
    const jobDiarizeSeconds = jobDiarizeMs === null ? null : jobDiarizeMs / 1000;
    const transcribeSeconds = job && jobDiarizeSeconds !== null ? job.wallSeconds - jobDiarizeSeconds : null;
    const stage = await timeStage(long.samples, scratch);
    const tenMinutes: DiarizationSpeed = {
      audioSeconds: long.samples.length / RATE,
      speakersFound: speakerCount(stage.turns),
      der: diarizationErrorRate(long.reference, stage.turns).der,
      diarizeSeconds: stage.seconds,
      jobDiarizeSeconds,
      transcribeSeconds,
      share: jobDiarizeSeconds !== null && transcribeSeconds !== null ? jobDiarizeSeconds / transcribeSeconds : null,
      words: job && wordSpeakerAccuracy(long.reference, job.words),
    };
    return { collarMs: DEFAULT_COLLAR_MS, rows, tenMinutes };
  } finally {
    await hark.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
