import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { Word } from '../../../src/domain/transcript.js';
import { inverseNormalize } from '../../../src/text/itn.js';

const spoken = (text: string): Word[] =>
  text.split(' ').map((word, i) => ({ text: word, start: i * 400, end: i * 400 + 300, confidence: 0.9, speaker: null }));
const normalise = (text: string): string => inverseNormalize(spoken(text)).map((word) => word.text).join(' ');

/** Cases the rules were written against. */
const TUNE: readonly [string, string][] = [
  ['it costs twenty five dollars', 'it costs $25'],
  ['three hundred and forty two dollars and fifty cents', '$342.50'],
  ['about fifteen percent of them', 'about 15% of them'],
  ['i was born on june fifth nineteen eighty seven', 'i was born on june 5, 1987'],
  ['call me at four one five five five five two six seven one', 'call me at 415-555-2671'],
  ['one of them said no one wants five to seven business days', 'one of them said no one wants five to seven business days'],
  ['in twenty twenty one we hired twenty first century people', 'in 2021 we hired 21st century people'],
  ['meet me at seven thirty pm', 'meet me at 7:30 PM'],
  ['at ten fifteen we left', 'at 10:15 we left'],
  ['revenue was one point five million dollars', 'revenue was $1.5 million'],
  ['email sarah dot johnson at example dot com', 'email sarah.johnson@example.com'],
  ['the year two thousand and five', 'the year 2005'],
  ['a hundred and five people', '105 people'],
  ['three million five hundred thousand', '3,500,000'],
  ['twelve thousand three hundred forty five', '12,345'],
  ['nineteen oh five', '1905'],
  ['the third time on march third', 'the third time on march 3'],
  ['open report dot pdf', 'open report.pdf'],
  ["it was nine o'clock", "it was 9 o'clock"],
  ['the server is at one nine two dot one six eight dot one dot ten', 'the server is at 192.168.1.10'],
  ['it expires march twenty twenty six', 'it expires march 2026'],
];

/**
 * Written before the rules were frozen and not used to change them. At freeze it scored 12/14
 * ("sixty thousand" came out "60 thousand"; the phone number said with "eight hundred" is split).
 * The "thousand" case was then fixed, so that one case is no longer unseen.
 */
const HELD_OUT: readonly [string, string][] = [
  ['we sold one hundred twenty three items', 'we sold 123 items'],
  ['the ticket was forty nine dollars and ninety nine cents', 'the ticket was $49.99'],
  ['prices rose by three point two percent', 'prices rose by 3.2%'],
  ['the meeting is on october twenty first', 'the meeting is on october 21'],
  ['she was born in nineteen ninety nine', 'she was born in 1999'],
  ['the code is seven seven three one', 'the code is 7731'],
  ['we need two thousand five hundred units', 'we need 2500 units'],
  ['call eight hundred five five five one two one two', 'call 800-555-1212'],
  ['visit www dot example dot org for details', 'visit www.example.org for details'],
  ['the flight leaves at six am', 'the flight leaves at 6 AM'],
  ['this is the fifteenth time', 'this is the 15th time'],
  ['we raised two billion dollars', 'we raised $2 billion'],
  ['i have two kids', 'i have two kids'],
  ['about sixty thousand people came', 'about 60,000 people came'],
];

function score(cases: readonly [string, string][]): { right: number; misses: string[] } {
  const misses = cases.filter(([input, expected]) => normalise(input) !== expected).map(([input]) => `${input} → ${normalise(input)}`);
  return { right: cases.length - misses.length, misses };
}

describe('inverse text normalisation', () => {
  it('gets every tune case right', (t: TestContext) => {
    const { right, misses } = score(TUNE);
    t.diagnostic(`ITN tune: ${right}/${TUNE.length}`);
    assert.deepEqual(misses, []);
  });

  it('gets at least 12 of the 14 held-out cases right', (t: TestContext) => {
    const { right, misses } = score(HELD_OUT);
    t.diagnostic(`ITN held-out: ${right}/${HELD_OUT.length}${misses.length > 0 ? `; misses: ${misses.join('; ')}` : ''}`);
    assert.ok(right >= 12, misses.join('; '));
  });

  it('merges spoken words into one word spanning the first start to the last end', () => {
    const words = inverseNormalize(spoken('pay twenty five dollars now'));
    assert.deepEqual(words.map((word) => [word.text, word.start, word.end]), [['pay', 0, 300], ['$25', 400, 1500], ['now', 1600, 1900]]);
  });

  it('keeps the weakest confidence of the merged words', () => {
    const words = spoken('twenty five');
    words[1] = { ...words[1]!, confidence: 0.4 };
    assert.equal(inverseNormalize(words)[0]?.confidence, 0.4);
  });
});
