/**
 * `npm run bench`: Hark's embedded engine against the stock PocketSphinx CLI on the shared eval set,
 * with and without its speaker adaptation, plus speed, scaling, memory, diarization and vocabulary
 * boost. Prints tables and writes JSON under bench/results/.
 *
 *   npm run bench              everything (46 minutes on the project's 2-core Xeon VM, 2026-12-08)
 *   npm run bench -- --quick   skips the one-hour file
 *   npm run bench -- --smoke   two items per category, short clips only: checks the bench itself runs
 *   npm run bench -- --only=en_read,telephone   the accuracy tables for those categories alone (JSON named after them; not latest.json)
 *   npm run bench -- --throughput   the throughput rounds alone (writes nothing)
 *   npm run bench -- --long   the long files alone (JSON named -long; not latest.json)
 *
 * Hark runs as the service does: a server (real HTTP, SQLite, worker, recognizer process), in this
 * process for the accuracy tables and as `hark serve` of its own for the long files' memory; jobs are
 * submitted through the AssemblyAI API with audio URLs served from loopback.
 * Transcripts are requested with `punctuate: false, format_text: false, disfluencies: true`, so both
 * sides are compared on recognised words alone, fillers included, with the same normaliser (case,
 * punctuation).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pooledWer, werCounts, type WerCounts } from '../src/lib/word-error-rate.js';
import { measureTextStage } from './lib/text-stage-timing.js';
import { evalDir, evalItems, type EvalItem } from '../test/helpers/eval-set.js';
import { startFileServer, type FileServer } from '../test/helpers/file-server.js';
import { startHark, startHarkProcess, testEnv, type HarkProcess, type RunningHark } from '../test/helpers/hark.js';
import { hypothesisWordsCorrect } from './lib/alignment.js';
import { RAW_WORDS, transcribe } from './lib/hark-jobs.js';
import { boostReport, boostTable } from './lib/boost-report.js';
import { diarizationReport } from './lib/diarization-report.js';
import { buildLongAudio } from './lib/long-audio.js';
import { MemoryCgroup } from './lib/memory-cgroup.js';
import { treeCpuSeconds, watchPeakMemory } from './lib/process-tree.js';
import { runStockCli } from './lib/stock-cli.js';

const CATEGORIES = ['en_read', 'en_spont', 'noisy', 'telephone', 'longform', 'nonspeech'] as const;
const smoke = process.argv.includes('--smoke');
const quick = smoke || process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',') ?? null;
const throughputOnly = process.argv.includes('--throughput');
const longOnly = process.argv.includes('--long');
const scratch = mkdtempSync(join(tmpdir(), 'hark-bench-'));

interface Side {
  counts: WerCounts[];
  words: number;
  audioSeconds: number;
  wallSeconds: number;
  cpuSeconds: number;
}

const emptySide = (): Side => ({ counts: [], words: 0, audioSeconds: 0, wallSeconds: 0, cpuSeconds: 0 });
const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
const log = (message: string): void => void process.stderr.write(`${message}\n`);

/** The checkout's root (this file runs from dist/bench). */
const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The commit the bench ran, marked `-dirty` when files differ from it; null outside a git checkout. */
function checkedOutCommit(): string | null {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty', '--abbrev=7'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function withHark<T>(env: Record<string, string>, work: (hark: RunningHark) => Promise<T>): Promise<T> {
  const hark = await startHark({ HARK_ENGINE_WORKERS: String(availableParallelism()), ...env });
  try {
    return await work(hark);
  } finally {
    await hark.close();
  }
}

/** URL of a file under `root` on the server that serves `root`. */
const urlOf = (server: FileServer, root: string, path: string): string => `${server.url}/${path.slice(root.length + 1)}`;

/** Hark's accuracy and cost per category, one job at a time, with `env` on top of the defaults. */
async function harkAccuracy(files: FileServer, items: EvalItem[], env: Record<string, string> = {}) {
  const hark = new Map<string, Side>();
  const calibration: { confidence: number; correct: boolean }[] = [];
  await withHark({ HARK_JOB_CONCURRENCY: '1', ...env }, async (server) => {
    for (const item of items) {
      const side = hark.get(item.category) ?? emptySide();
      const cpuBefore = treeCpuSeconds();
      const job = await transcribe(server.url, urlOf(files, evalDir(), item.path), RAW_WORDS);
      // Clips under 160 ms are refused, as AssemblyAI does: no words, which is right for the bell sound.
      if (job.status !== 'completed' && job.error !== 'Audio duration is too short.') throw new Error(`${item.id}: ${job.error}`);
      side.cpuSeconds += treeCpuSeconds() - cpuBefore;
      side.wallSeconds += job.wallSeconds;
      side.audioSeconds += item.durationSeconds;
      side.words += job.words.length;
      side.counts.push(werCounts(item.reference, job.text));
      hark.set(item.category, side);
      if (item.reference !== '') {
        const correct = hypothesisWordsCorrect(item.reference, job.words.map((word) => word.text));
        job.words.forEach((word, index) => calibration.push({ confidence: word.confidence, correct: correct[index] ?? false }));
      }
      log(`hark  ${item.category.padEnd(10)} ${item.id}`);
    }
  });
  return { hark, calibration };
}

/** The stock CLI's accuracy and cost per category on the same files. */
async function stockAccuracy(items: EvalItem[]) {
  const stock = new Map<string, Side>();
  for (const item of items) {
    const side = stock.get(item.category) ?? emptySide();
    const run = await runStockCli(item.path, scratch, item.id);
    side.cpuSeconds += run.cpuSeconds;
    side.wallSeconds += run.wallSeconds;
    side.audioSeconds += item.durationSeconds;
    side.words += run.text === '' ? 0 : run.text.split(/\s+/).length;
    side.counts.push(werCounts(item.reference, run.text));
    stock.set(item.category, side);
    log(`stock ${item.category.padEnd(10)} ${item.id}`);
  }
  return stock;
}

/** Categories also measured without speaker adaptation (HARK_SPEAKER_ADAPTATION=0): speech of one or a few talkers. */
const UNADAPTED_CATEGORIES = ['en_read', 'en_spont', 'telephone', 'longform'];
const UNADAPTED = { HARK_SPEAKER_ADAPTATION: '0' };

/**
 * Audio seconds transcribed per wall second with `inFlight` jobs at a time, on short clips, by a
 * recognizer with `decoders` decoders (default: one per core, as the service runs).
 */
async function throughput(files: FileServer, clips: EvalItem[], inFlight: number, decoders = availableParallelism()): Promise<number> {
  return withHark({ HARK_JOB_CONCURRENCY: String(inFlight), HARK_ENGINE_WORKERS: String(decoders) }, async (server) => {
    const started = performance.now();
    await Promise.all(clips.map((clip) => transcribe(server.url, urlOf(files, evalDir(), clip.path), RAW_WORDS)));
    const audio = clips.reduce((sum, clip) => sum + clip.durationSeconds, 0);
    return audio / ((performance.now() - started) / 1000);
  });
}

/**
 * Rounds of throughput measurements. This machine's speed drifts by a fifth within minutes (the same
 * 24 jobs at 1 in flight took 48 s and then 68 s, minutes apart), so one measurement per setting
 * compares settings run at different speeds. Each round measures every setting back to back; the
 * report gives each setting's median and the median of the rounds' own 2-vs-1 ratios.
 */
const THROUGHPUT_ROUNDS = 3;
const IN_FLIGHT = [1, 2, 4] as const;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/**
 * Throughput on `clips` with 1, 2 and 4 jobs in flight (one decoder per core, as the service runs)
 * and with one decoder running one job at a time: one job already spreads its pieces over every
 * decoder, so "2 vs 1" says little about how throughput grows with cores, and one decoder is the
 * one-core baseline.
 */
async function throughputReport(files: FileServer, clips: EvalItem[], rounds: number) {
  const measured: Record<string, number>[] = [];
  for (let index = 0; index < rounds; index++) {
    const speeds: Record<string, number> = {};
    for (const inFlight of IN_FLIGHT) {
      speeds[String(inFlight)] = round(await throughput(files, clips, inFlight), 2);
      log(`round ${index + 1}: throughput with ${inFlight} in flight: ${speeds[String(inFlight)]} audio s / s`);
    }
    speeds.oneDecoder = round(await throughput(files, clips, 1, 1), 2);
    log(`round ${index + 1}: throughput with one decoder, 1 in flight: ${speeds.oneDecoder} audio s / s`);
    measured.push(speeds);
  }
  const of = (key: string): number[] => measured.map((speeds) => speeds[key] as number);
  /** The median over rounds of 2 in flight against `key` in the same round. */
  const twoAgainst = (key: string): number => round(median(measured.map((speeds) => (speeds['2'] as number) / (speeds[key] as number))), 2);
  return {
    clips: clips.length,
    rounds: measured,
    audioSecondsPerWallSecond: Object.fromEntries(IN_FLIGHT.map((inFlight) => [String(inFlight), median(of(String(inFlight)))])),
    twoVsOne: twoAgainst('1'),
    oneDecoderOneJob: median(of('oneDecoder')),
    twoVsOneDecoder: twoAgainst('oneDecoder'),
  };
}

/** The memory goal of the engine work (issue 4): the service's limit while it transcribes a long file. */
const MEMORY_LIMIT_BYTES = 500 * 1024 * 1024;

/**
 * Wall-RTF, CPU-RTF and peak memory of one long file, sent with the API's default options. Hark runs
 * here as `hark serve` in a process of its own, so the memory is the service's (server, recognizer,
 * text and diarization processes, ffmpeg), not this benchmark's. Where the machine allows it (root,
 * cgroup v1) the service runs inside a memory cgroup limited to MEMORY_LIMIT_BYTES, as in a
 * container of that size.
 */
async function longFile(url: string, seconds: number, overrides: Record<string, string> = {}) {
  const cgroup = MemoryCgroup.open(`hark-bench-${process.pid}`, MEMORY_LIMIT_BYTES);
  const env = testEnv({ HARK_ENGINE_WORKERS: String(availableParallelism()), HARK_JOB_CONCURRENCY: '1', ...overrides });
  let server: HarkProcess | undefined;
  try {
    server = await startHarkProcess(env, cgroup ? (command, args) => cgroup.command(command, args) : undefined);
    const root = server.child.pid as number;
    const memory = watchPeakMemory(root);
    const charged = cgroup?.watchPeak();
    const cpuBefore = treeCpuSeconds(root);
    const job = await transcribe(server.url, url);
    const cpuRtf = round((treeCpuSeconds(root) - cpuBefore) / seconds);
    const peak = memory.stop();
    const limited = cgroup && charged ? { limitMb: mb(MEMORY_LIMIT_BYTES), peakAnonymousMb: mb(charged.stop()), oomKills: cgroup.oomKills() } : null;
    if (job.status !== 'completed') throw new Error(`long file: ${job.error} (memory cgroup: ${JSON.stringify(limited)})`);
    // The text stage with every feature on, over this transcript's words, against the job's wall time.
    const textStageMs = await measureTextStage(job.words);
    return {
      seconds,
      wallRtf: round(job.wallSeconds / seconds),
      cpuRtf,
      peakRssMb: mb(peak.rssBytes),
      peakPssMb: mb(peak.pssBytes),
      largestProcessRssMb: mb(Math.max(...Object.values(peak.rssBytesByProcess))),
      peakRssMbByProcess: Object.fromEntries(Object.entries(peak.rssBytesByProcess).map(([label, bytes]) => [label, mb(bytes)])),
      memoryCgroup: limited,
      words: job.words.length,
      textStageMs: Math.round(textStageMs),
      textStageShare: round(textStageMs / 1000 / job.wallSeconds),
    };
  } finally {
    await server?.kill('SIGTERM');
    await cgroup?.close();
  }
}

function calibrationTable(samples: { confidence: number; correct: boolean }[]) {
  const edges = [0, 0.2, 0.4, 0.6, 0.8, 1.0001];
  return edges.slice(0, -1).map((low, index) => {
    const high = edges[index + 1] as number;
    const bucket = samples.filter((sample) => sample.confidence >= low && sample.confidence < high);
    const correct = bucket.filter((sample) => sample.correct).length;
    return { range: `${low.toFixed(1)}–${Math.min(high, 1).toFixed(1)}`, words: bucket.length, accuracy: bucket.length === 0 ? null : round(correct / bucket.length) };
  });
}

function summarize(side: Side | undefined, category: string) {
  if (!side) return null;
  return {
    wer: category === 'nonspeech' ? null : round(pooledWer(side.counts)),
    wordsPerClip: round(side.words / side.counts.length, 2),
    cpuRtf: round(side.cpuSeconds / side.audioSeconds),
    wallRtf: round(side.wallSeconds / side.audioSeconds),
    items: side.counts.length,
    audioSeconds: Math.round(side.audioSeconds),
  };
}

function longLines(long: Record<string, unknown>): string[] {
  return Object.entries(long).map(([name, value]) => `Long file ${name}: ${JSON.stringify(value)}`);
}

/** The 10-minute file (with and without speaker adaptation) and, unless quick, the one-hour file, built from the longform clips. */
async function longFiles(scratchFiles: FileServer, all: readonly EvalItem[]): Promise<Record<string, unknown>> {
  const longform = all.filter((item) => item.category === 'longform').map((item) => item.path);
  const tenMinuteSeconds = smoke ? 30 : 600;
  const tenMinutes = urlOf(scratchFiles, scratch, buildLongAudio(longform, tenMinuteSeconds, scratch, 'ten-minutes'));
  const long: Record<string, unknown> = { tenMinutes: await longFile(tenMinutes, tenMinuteSeconds) };
  log('10-minute file done');
  long.tenMinutesUnadapted = await longFile(tenMinutes, tenMinuteSeconds, UNADAPTED);
  log('10-minute file without speaker adaptation done');
  if (!quick) {
    const oneHour = buildLongAudio(longform, 3600, scratch, 'one-hour');
    long.oneHour = await longFile(urlOf(scratchFiles, scratch, oneHour), 3600);
    log('one-hour file done');
  }
  return long;
}

async function main(): Promise<void> {
  const all = evalItems().filter((item) => (CATEGORIES as readonly string[]).includes(item.category) && (item.reference !== '' || item.category === 'nonspeech'));
  const items = smoke
    ? CATEGORIES.flatMap((category) => all.filter((item) => item.category === category && item.durationSeconds < 20).slice(0, 2))
    : all.filter((item) => only === null || only.includes(item.category));
  const throughputClips = (smoke ? items : all).filter((item) => item.category === 'en_read').slice(0, 24);
  const files = await startFileServer(evalDir());
  const scratchFiles = await startFileServer(scratch);
  try {
    if (throughputOnly) {
      process.stdout.write(`${throughputLine(await throughputReport(files, throughputClips, THROUGHPUT_ROUNDS))}\n`);
      return;
    }
    if (longOnly) {
      const long = await longFiles(scratchFiles, all);
      const result = { ...runFacts(), long };
      writeResult(result, '-long');
      process.stdout.write(`${longLines(long).join('\n')}\n`);
      return;
    }
    const { hark, calibration } = await harkAccuracy(files, items);
    const stock = await stockAccuracy(items);
    const unadapted = (await harkAccuracy(files, items.filter((item) => UNADAPTED_CATEGORIES.includes(item.category)), UNADAPTED)).hark;
    const rows = (sides: Map<string, Side>): CategoryRow[] =>
      CATEGORIES.map((category) => {
        const ours = summarize(sides.get(category), category);
        const theirs = summarize(stock.get(category), category);
        return { category, hark: ours, stock: theirs, werRatio: ours?.wer != null && theirs?.wer ? round(ours.wer / theirs.wer) : null };
      });
    const categories = rows(hark);
    const withoutAdaptation = rows(unadapted).filter((row) => row.hark !== null);
    if (only !== null) {
      const partial = { ...runFacts(), only, categories: categories.filter((row) => row.hark !== null), withoutAdaptation };
      writeResult(partial, `-only-${only.join('+')}`);
      process.stdout.write(`${categoryTable(categories).join('\n')}\n\nWith HARK_SPEAKER_ADAPTATION=0:\n${categoryTable(withoutAdaptation).join('\n')}\n`);
      return;
    }

    const throughputResult = await throughputReport(files, throughputClips, smoke ? 1 : THROUGHPUT_ROUNDS);

    const long = await longFiles(scratchFiles, all);

    const diarization = await diarizationReport(smoke ? { transcribe: false } : {});
    log('diarization done');
    const boost = smoke
      ? null
      : await withHark({ HARK_JOB_CONCURRENCY: '1' }, (server) => boostReport(server.url, all, (item) => urlOf(files, evalDir(), item.path)));
    log('vocabulary boost done');

    const result = {
      ...runFacts(),
      categories,
      withoutAdaptation,
      throughput: throughputResult,
      long,
      calibration: calibrationTable(calibration),
      diarization,
      boost,
    };
    if (!smoke) writeResult(result, '', 'latest.json');
    process.stdout.write(renderTables(result));
    if (boost !== null) process.stdout.write(`Vocabulary boost (keyterms_prompt):\n${boostTable(boost).join('\n')}\n\n`);
    process.stdout.write(`Diarization (DER, ${diarization.collarMs} ms collar):\n${JSON.stringify(diarization.rows.map((row) => ({ id: row.id, speakers: row.speakers, found: row.found, der: row.der })), null, 1)}\nTen-minute two-talker file: ${JSON.stringify(diarization.tenMinutes)}\n`);
  } finally {
    await files.close();
    await scratchFiles.close();
  }

}

/** When, on which code and on what machine a run ran. */
function runFacts(): { date: string; commit: string | null; machine: { cpus: number; model: string; node: string } } {
  return {
    date: new Date().toISOString(),
    commit: checkedOutCommit(),
    machine: { cpus: availableParallelism(), model: cpus()[0]?.model ?? 'unknown', node: process.version },
  };
}

/** Writes a run's JSON under bench/results, named by date, time, commit and `suffix`, and also as `alias` when given. */
function writeResult(result: { date: string; commit: string | null }, suffix: string, alias?: string): void {
  const dir = join(REPO, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  // Date, time and commit: runs on the same day, or of other code, keep their own files.
  const stamp = result.date.slice(0, 16).replace(':', '');
  writeFileSync(join(dir, `bench-${stamp}Z${result.commit === null ? '' : `-${result.commit}`}${suffix}.json`), json);
  if (alias !== undefined) writeFileSync(join(dir, alias), json);
}

type CategoryRow = { category: string; hark: ReturnType<typeof summarize>; stock: ReturnType<typeof summarize>; werRatio: number | null };

function categoryTable(categories: CategoryRow[]): string[] {
  return [
    '| category | items | audio s | Hark WER | stock WER | Hark/stock | Hark words/clip | stock words/clip | Hark CPU-RTF | Hark wall-RTF | stock CPU-RTF |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...categories
      .filter((row) => row.hark !== null)
      .map(({ category, hark, stock, werRatio }) =>
        `| ${category} | ${hark?.items ?? '-'} | ${hark?.audioSeconds ?? '-'} | ${hark?.wer ?? '-'} | ${stock?.wer ?? '-'} | ${werRatio ?? '-'} | ${hark?.wordsPerClip ?? '-'} | ${stock?.wordsPerClip ?? '-'} | ${hark?.cpuRtf ?? '-'} | ${hark?.wallRtf ?? '-'} | ${stock?.cpuRtf ?? '-'} |`,
      ),
  ];
}

type Throughput = Awaited<ReturnType<typeof throughputReport>>;

function throughputLine(throughput: Throughput): string {
  const medians = Object.entries(throughput.audioSecondsPerWallSecond).map(([n, value]) => `${n} in flight ${value}`);
  return [
    `Throughput (audio s per wall s, ${throughput.clips} short clips, median of ${throughput.rounds.length} round${throughput.rounds.length === 1 ? '' : 's'}): ${medians.join(', ')}; 2 vs 1: ${throughput.twoVsOne}×;`,
    `one decoder, 1 in flight ${throughput.oneDecoderOneJob} (2 in flight vs that: ${throughput.twoVsOneDecoder}×); rounds: ${JSON.stringify(throughput.rounds)}`,
  ].join(' ');
}

function renderTables(result: {
  machine: { cpus: number; model: string; node: string };
  categories: CategoryRow[];
  withoutAdaptation: CategoryRow[];
  throughput: Throughput;
  long: Record<string, unknown>;
  calibration: { range: string; words: number; accuracy: number | null }[];
}): string {
  const lines = [
    `Machine: ${result.machine.cpus} cores (${result.machine.model}), Node ${result.machine.node}`,
    '',
    ...categoryTable(result.categories),
    '',
    'With HARK_SPEAKER_ADAPTATION=0:',
    ...categoryTable(result.withoutAdaptation),
    '',
    throughputLine(result.throughput),
    ...longLines(result.long),
    '',
    '| confidence | words | accuracy |',
    '| --- | --- | --- |',
    ...result.calibration.map((row) => `| ${row.range} | ${row.words} | ${row.accuracy ?? '-'} |`),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

await main();
