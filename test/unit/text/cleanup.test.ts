import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { Word } from '../../../src/domain/transcript.js';
import { applyCustomSpelling } from '../../../src/text/custom-spelling.js';
import { FILLER_WORDS, removeFillers } from '../../../src/text/disfluencies.js';
import { filterProfanity, isProfane, maskProfanity } from '../../../src/text/profanity.js';

const spoken = (text: string): Word[] =>
  text.split(' ').map((word, i) => ({ text: word, start: i * 400, end: i * 400 + 300, confidence: 0.9, speaker: null }));
const texts = (words: readonly Word[]): string => words.map((word) => word.text).join(' ');

describe('disfluencies', () => {
  it("drops exactly AssemblyAI's fillers", () => {
    assert.deepEqual(FILLER_WORDS, ['um', 'uh', 'hmm', 'mhm', 'uh-huh', 'ah', 'huh', 'hm', 'm']);
    assert.equal(texts(removeFillers(spoken('um so uh-huh i think hmm we er should'))), 'so i think we er should');
  });
});

describe('custom spelling', () => {
  it('replaces case-insensitive multi-word phrases verbatim, keeping punctuation and timings', () => {
    const words = applyCustomSpelling(spoken('I met Di Carlo, and dicarlo. then sql server'), [
      { from: ['di carlo', 'dicarlo'], to: 'DiCarlo' },
      { from: ['sql server'], to: 'SQLServer' },
    ]);
    assert.equal(texts(words), 'I met DiCarlo, and DiCarlo. then SQLServer');
    assert.deepEqual([words[2]?.start, words[2]?.end], [800, 1500]);
  });

  it('prefers the longest phrase', () => {
    const words = applyCustomSpelling(spoken('new york city'), [{ from: ['new york'], to: 'NY' }, { from: ['new york city'], to: 'NYC' }]);
    assert.equal(texts(words), 'NYC');
  });
});

/** Profane words the filter must catch, and clean traps it must leave alone. */
const PROFANE_TUNE = ['shit', 'fuck', 'fucking', 'bitch', 'asshole', 'bullshit', "shit's", 'motherfucker', 'dickhead', 'cunt'];
const PROFANE_HELD_OUT = ['fucked', 'shitty', 'bastard', 'whore', 'pussy', 'cocksucker', 'dick', 'damn', 'slut', 'twat'];
const CLEAN_TRAPS = ['scunthorpe', 'assess', 'cocktail', 'shitake', 'cumulative', 'class', 'passage', 'therapist', 'grape', 'analysis', 'hello', 'button'];

describe('profanity filter (obscenity)', () => {
  it('masks the whole word as AssemblyAI does: first letter and asterisks', () => {
    assert.equal(maskProfanity('shit'), 's***');
    assert.equal(maskProfanity("shit's"), "s***'s");
    assert.equal(maskProfanity('Fucking,'), 'F******,');
    assert.equal(texts(filterProfanity(spoken('what the fuck is this shit.'))), 'what the f*** is this s***.');
  });

  it('recall: all tune words and at least 8 of 10 held-out words', (t: TestContext) => {
    const tune = PROFANE_TUNE.filter(isProfane).length;
    const heldOut = PROFANE_HELD_OUT.filter(isProfane);
    t.diagnostic(`profanity recall: tune ${tune}/${PROFANE_TUNE.length}, held-out ${heldOut.length}/${PROFANE_HELD_OUT.length} (missed: ${PROFANE_HELD_OUT.filter((word) => !isProfane(word)).join(', ')})`);
    assert.equal(tune, PROFANE_TUNE.length);
    assert.ok(heldOut.length >= 8);
  });

  it('leaves clean look-alikes alone', () => {
    assert.deepEqual(CLEAN_TRAPS.filter(isProfane), []);
  });
});
