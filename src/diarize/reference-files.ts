/**
 * Readers for who-spoke-when references: NIST RTTM and the eval set's `.segments.tsv` (a header row
 * naming at least `speaker`, `start_s` and `end_s`). Both give segments in ms.
 */
import type { LabelledSegment } from './der.js';

const toMs = (seconds: string, context: string): number => {
  const value = Number(seconds);
  if (!Number.isFinite(value)) throw new Error(`bad time '${seconds}' in ${context}`);
  return Math.round(value * 1000);
};

/** `SPEAKER <file> <channel> <onset> <duration> <NA> <NA> <speaker> …`; other record types are skipped. */
export function parseRttm(text: string): LabelledSegment[] {
  const segments: LabelledSegment[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== 'SPEAKER') continue;
    const [, , , onset = '', duration = '', , , speaker] = fields;
    if (speaker === undefined) throw new Error(`short RTTM line: ${line}`);
    const start = toMs(onset, line);
    segments.push({ start, end: start + toMs(duration, line), speaker });
  }
  return segments;
}

export function parseSegmentsTsv(text: string): LabelledSegment[] {
  const [header = '', ...rows] = text.trimEnd().split('\n');
  const columns = header.split('\t');
  const column = (name: string): number => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`segments file lacks a '${name}' column`);
    return index;
  };
  const [speakerAt, startAt, endAt] = [column('speaker'), column('start_s'), column('end_s')];
  return rows.map((row) => {
    const fields = row.split('\t');
    return {
      start: toMs(fields[startAt] ?? '', row),
      end: toMs(fields[endAt] ?? '', row),
      speaker: fields[speakerAt] ?? '',
    };
  });
}
