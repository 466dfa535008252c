/**
 * Prints the diarization report (bench/lib/diarization-report.ts) as Markdown tables.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/diarization-eval.js                     (runs Hark: minutes)
 *   npx tsc -p tsconfig.json && node dist/bench/diarization-eval.js --no-transcription  (the diarizer alone: seconds)
 *
 * The eval folder is `$HARK_SHARED_DIR/eval`, or `../shared/eval` beside the repository.
 */
import { diarizationReport, type DiarizationRow } from './lib/diarization-report.js';

const percent = (value: number | null | undefined): string => (value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(1)} %`);

function row(r: DiarizationRow): string {
  const found = `${r.found}${r.found === r.speakers ? '' : ' ✗'}`;
  const target = r.target === null ? '—' : `≤ ${percent(r.target)} ${r.der.auto !== null && r.der.auto <= r.target ? 'met' : 'missed'}`;
  const breakdown = r.breakdown ? `${percent(r.breakdown.missed)} / ${percent(r.breakdown.falseAlarm)} / ${percent(r.breakdown.confusion)}` : 'no timed reference';
  const words = r.words?.accuracy == null ? 'n/a' : `${percent(r.words.accuracy)} of ${r.words.scored}`;
  return `| ${r.id} | ${r.seconds.toFixed(1)} | ${r.speakers} | ${found} | ${percent(r.der.auto)} | ${percent(r.der.given)} | ${percent(r.der.givenReferenceSpeech)} | ${target} | ${breakdown} | ${words} |`;
}

const report = await diarizationReport({ transcribe: !process.argv.includes('--no-transcription') });
const bounded = report.rows.filter((r) => r.target !== null);
const t = report.tenMinutes;
process.stdout.write(
  [
    `DER with a ${report.collarMs} ms collar, overlapping speech scored.`,
    '',
    '| item | s | speakers | found | DER | DER, count given | DER, count + true speech | target (DER) | miss / false alarm / confusion | words with the right speaker |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.rows.map(row),
    '',
    `Speaker count right without being told on ${bounded.filter((r) => r.found === r.speakers).length} of ${bounded.length} two-speaker items (target: 4 of 5).`,
    `${(t.audioSeconds / 60).toFixed(1)}-minute two-talker file: the diarization process alone (finding the speech itself) ${t.diarizeSeconds.toFixed(2)} s; ` +
      `${t.speakersFound} speakers, DER ${percent(t.der)}.`,
    ...(t.jobDiarizeSeconds === null || t.transcribeSeconds === null
      ? []
      : [
          `In a job with speaker_labels (over the recogniser's speech): diarization ${t.jobDiarizeSeconds.toFixed(2)} s, ${percent(t.share)} of the ${t.transcribeSeconds.toFixed(0)} s ` +
            `transcription (target: under 10 %); words with the right speaker ${percent(t.words?.accuracy)}.`,
        ]),
    '',
  ].join('\n'),
);
