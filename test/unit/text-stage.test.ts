import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Word } from '../../src/domain/transcript.js';
import { TextStagePool } from '../../src/pipeline/text-stage.js';
import { measureTextStage } from '../../bench/lib/text-stage-timing.js';
import { ALL_TEXT_FEATURES, applyTextFeatures } from '../../src/text/index.js';
import { speak } from '../fixtures/text/synthetic-speech.js';
import { TOPICS } from '../fixtures/text/transcript.js';

const spoken = speak(TOPICS.flat(), 3).words;

describe('the text stage thread', () => {
  const stage = new TextStagePool();
  after(() => stage.close());

  it('returns what the text features return in this process', async () => {
    const options = { ...ALL_TEXT_FEATURES, summarization: false, redact_pii_policies: ['location'] };
    assert.deepEqual(await stage.run(spoken, options), applyTextFeatures(spoken, options));
  });

  it('times a warm run for the benchmark', async () => {
    const ms = await measureTextStage(spoken.slice(0, 200));
    assert.ok(ms > 0 && ms < 10_000, `${ms} ms`);
  });
});

describe('text a recogniser already punctuated', () => {
  // Whisper-style words: its own sentences, one of them with a long pause inside.
  const written = 'We met on Monday. The plan, after a long pause, was fine.'.split(' ');
  const words: Word[] = written.map((text, i) => ({ text, start: i * 1000, end: i * 1000 + 300, confidence: 0.9, speaker: null }));

  it('keeps its sentences and marks instead of cutting at pauses', () => {
    const result = applyTextFeatures(words, { sentiment_analysis: true });
    assert.equal(result.text, written.join(' '));
    assert.deepEqual(result.sentiment_analysis_results?.map((sentence) => sentence.text), ['We met on Monday.', 'The plan, after a long pause, was fine.']);
  });
});
