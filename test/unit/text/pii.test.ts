import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { PII_POLICIES } from '../../../src/domain/options.js';
import type { Word } from '../../../src/domain/transcript.js';
import { applyTextFeatures } from '../../../src/text/index.js';
import { DETECTABLE_PII_POLICIES, redactPii, UNDETECTABLE_PII_POLICIES } from '../../../src/text/pii.js';
import { HELD_OUT, TUNE, type LabelledSentence } from '../../fixtures/text/pii.js';

const spoken = (text: string): Word[] =>
  text.split(' ').map((word, i) => ({ text: word, start: i * 400, end: i * 400 + 300, confidence: 0.9, speaker: null }));

interface Tally {
  gold: number;
  found: number;
  predicted: number;
  correct: number;
}

/** Scores detection through the whole text stage (ITN and casing first), matching by type and time overlap. */
function evaluate(sentences: readonly LabelledSentence[]): { perType: Map<string, Tally>; misses: string[]; falseAlarms: string[] } {
  const perType = new Map<string, Tally>();
  const tally = (type: string): Tally => perType.get(type) ?? perType.set(type, { gold: 0, found: 0, predicted: 0, correct: 0 }).get(type)!;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (const sentence of sentences) {
    const tokens = sentence.text.split(' ');
    const gold = sentence.entities.map(([type, phrase]) => {
      const parts = phrase.split(' ');
      const at = tokens.findIndex((_, i) => parts.every((part, k) => tokens[i + k] === part));
      assert.ok(at >= 0, `fixture: "${phrase}" not in "${sentence.text}"`);
      return { type, start: at * 400, end: (at + parts.length - 1) * 400 + 300 };
    });
    const predicted = applyTextFeatures(spoken(sentence.text), { entity_detection: true }).entities ?? [];
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
    for (const entity of gold) {
      tally(entity.type).gold++;
      if (predicted.some((p) => p.entity_type === entity.type && overlaps(p, entity))) tally(entity.type).found++;
      else misses.push(`${entity.type} in "${sentence.text}"`);
    }
    for (const entity of predicted) {
      tally(entity.entity_type).predicted++;
      if (gold.some((g) => g.type === entity.entity_type && overlaps(g, entity))) tally(entity.entity_type).correct++;
      else falseAlarms.push(`${entity.entity_type} "${entity.text}"`);
    }
  }
  return { perType, misses, falseAlarms };
}

function totals(perType: Map<string, Tally>): { recall: number; precision: number } {
  const sum = [...perType.values()].reduce((a, b) => ({ gold: a.gold + b.gold, found: a.found + b.found, predicted: a.predicted + b.predicted, correct: a.correct + b.correct }));
  return { recall: sum.found / sum.gold, precision: sum.correct / sum.predicted };
}

function report(t: TestContext, name: string, result: ReturnType<typeof evaluate>): void {
  const { recall, precision } = totals(result.perType);
  t.diagnostic(`${name}: recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}`);
  for (const [type, tally] of [...result.perType].sort()) {
    t.diagnostic(`  ${type}: recall ${tally.found}/${tally.gold}, precision ${tally.correct}/${tally.predicted}`);
  }
  if (result.misses.length > 0) t.diagnostic(`  misses: ${result.misses.join('; ')}`);
  if (result.falseAlarms.length > 0) t.diagnostic(`  false alarms: ${result.falseAlarms.join('; ')}`);
}

describe('PII and entity detection', () => {
  it('accounts for all 44 policies: each detectable or listed as not', () => {
    assert.deepEqual([...DETECTABLE_PII_POLICIES, ...UNDETECTABLE_PII_POLICIES].sort(), [...PII_POLICIES].sort());
  });

  it('tune set: every labelled policy found; overall recall ≥ 0.95 and precision ≥ 0.9', (t: TestContext) => {
    const result = evaluate(TUNE);
    report(t, 'PII tune', result);
    const { recall, precision } = totals(result.perType);
    for (const policy of DETECTABLE_PII_POLICIES) assert.ok(result.perType.has(policy), `no tune example for ${policy}`);
    assert.ok(recall >= 0.95, `recall ${recall}`);
    assert.ok(precision >= 0.9, `precision ${precision}`);
  });

  it('held-out set: overall recall ≥ 0.8 and precision ≥ 0.8', (t: TestContext) => {
    const result = evaluate(HELD_OUT);
    report(t, 'PII held-out', result);
    const { recall, precision } = totals(result.perType);
    assert.ok(recall >= 0.8, `recall ${recall}`);
    assert.ok(precision >= 0.8, `precision ${precision}`);
  });
});

describe('PII redaction', () => {
  const input = spoken('hi my name is sarah johnson call me at four one five five five five two six seven one');

  it('hash: every letter and digit becomes #, timings and separators stay', () => {
    const result = applyTextFeatures(input, { redact_pii: true, redact_pii_policies: ['person_name', 'phone_number'] });
    assert.equal(result.text, 'Hi, my name is ##### ####### call me at ###-###-####.');
    assert.equal(result.words.length, 10);
  });

  it('entity_name: each entity becomes one [TYPE] word spanning its times', () => {
    const result = applyTextFeatures(input, { redact_pii: true, redact_pii_sub: 'entity_name' });
    assert.equal(result.text, 'Hi, my name is [PERSON_NAME] call me at [PHONE_NUMBER].');
    const name = result.words.find((word) => word.text === '[PERSON_NAME]');
    assert.deepEqual([name?.start, name?.end], [1600, 2300]);
    assert.deepEqual(result.sentences.map((sentence) => [sentence.text, sentence.from, sentence.to]), [[result.text, 0, 9]]);
  });

  it('redacts only the requested policies', () => {
    const words = spoken('john paid');
    assert.deepEqual(redactPii(words, [{ type: 'person_name', from: 0, to: 1 }], ['phone_number'], 'hash'), words);
  });
});
