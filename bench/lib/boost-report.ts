import { termWords } from '../../src/domain/vocabulary-boost.js';
import { pooledWer, werCounts, type WerCounts } from '../../src/lib/word-error-rate.js';
import type { EvalItem } from '../../test/helpers/eval-set.js';
import { RAW_WORDS, transcribe } from './hark-jobs.js';

/**
 * What `word_boost`/`keyterms_prompt` do, through the API: each set is a group of eval recordings
 * with the terms a user transcribing that material would list (its names and jargon); every clip is
 * transcribed with and without them. The control set is read and spontaneous speech that never says
 * the first set's terms, transcribed with them boosted: what a boost costs elsewhere.
 */
interface BoostSet {
  name: string;
  terms: string[];
  items: (all: EvalItem[]) => EvalItem[];
}

const saysAny = (item: EvalItem, words: string[]): boolean => termWords(item.reference).some((word) => words.includes(word));
const MFA_TERMS = ['Montreal Forced Aligner'];

const SETS: BoostSet[] = [
  {
    name: 'Montreal Forced Aligner recordings (en_spont)',
    terms: MFA_TERMS,
    items: (all) => all.filter((item) => item.id.startsWith('mfa_mfa_') && saysAny(item, ['aligner'])),
  },
  {
    name: 'LJ Speech, early printing (en_read)',
    terms: ['Gutenberg', 'Schoeffer', 'Sweynheim', 'Pannartz', 'Subiaco', 'missals', 'psalters', 'Strasburg', 'Lubeck', 'Maintz'],
    items: (all) => all.filter((item) => item.id.startsWith('lj_LJ001-')),
  },
  {
    name: 'control: en_read + en_spont without the terms, Montreal Forced Aligner boosted',
    terms: MFA_TERMS,
    items: (all) =>
      all.filter((item) => ['en_read', 'en_spont'].includes(item.category) && item.reference !== '' && !saysAny(item, termWords(MFA_TERMS.join(' ')))),
  },
];

interface Side {
  wer: number;
  /** Term words recognised where spoken (each reference occurrence counted once at most). */
  termsHeard: number;
  /** Term words in the transcripts beyond those spoken. */
  termsInvented: number;
}

export interface BoostRow {
  set: string;
  clips: number;
  termsSpoken: number;
  plain: Side;
  boosted: Side;
}

async function runSide(baseUrl: string, urlOf: (item: EvalItem) => string, items: EvalItem[], termList: string[], options: Record<string, unknown>) {
  const counts: WerCounts[] = [];
  let spoken = 0;
  let heard = 0;
  let invented = 0;
  for (const item of items) {
    const job = await transcribe(baseUrl, urlOf(item), { ...RAW_WORDS, ...options });
    if (job.status !== 'completed') throw new Error(`${item.id}: ${job.error}`);
    counts.push(werCounts(item.reference, job.text));
    const reference = termWords(item.reference);
    const hypothesis = termWords(job.text);
    for (const term of termList) {
      const inReference = reference.filter((word) => word === term).length;
      const inHypothesis = hypothesis.filter((word) => word === term).length;
      spoken += inReference;
      heard += Math.min(inReference, inHypothesis);
      invented += Math.max(0, inHypothesis - inReference);
    }
  }
  return { spoken, side: { wer: Math.round(pooledWer(counts) * 1000) / 1000, termsHeard: heard, termsInvented: invented } };
}

/** Runs every set on the server at `baseUrl`; `urlOf` gives the URL it fetches an eval item from. */
export async function boostReport(baseUrl: string, all: EvalItem[], urlOf: (item: EvalItem) => string): Promise<BoostRow[]> {
  const rows: BoostRow[] = [];
  for (const set of SETS) {
    const items = set.items(all);
    const termList = [...new Set(set.terms.flatMap(termWords))];
    const plain = await runSide(baseUrl, urlOf, items, termList, {});
    const boosted = await runSide(baseUrl, urlOf, items, termList, { keyterms_prompt: set.terms });
    rows.push({ set: set.name, clips: items.length, termsSpoken: plain.spoken, plain: plain.side, boosted: boosted.side });
  }
  return rows;
}

export function boostTable(rows: BoostRow[]): string[] {
  return [
    '| set | clips | term words spoken | heard, plain | heard, boosted | invented, plain | invented, boosted | WER plain | WER boosted |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) =>
      `| ${row.set} | ${row.clips} | ${row.termsSpoken} | ${row.plain.termsHeard} | ${row.boosted.termsHeard} | ${row.plain.termsInvented} | ${row.boosted.termsInvented} | ${row.plain.wer} | ${row.boosted.wer} |`,
    ),
  ];
}
