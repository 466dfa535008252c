import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HarkError } from '../../src/domain/errors.js';
import type { EngineWord } from '../../src/engines/engine.js';
import { detectLanguage, identifyLanguage } from '../../src/pipeline/language-detection.js';

const word = (startMs: number, endMs: number, language?: string): EngineWord => ({
  text: 'w',
  startMs,
  endMs,
  confidence: 1,
  ...(language === undefined ? {} : { language }),
});

describe('language detection from tagged pieces', () => {
  it('picks the language with the most speech; its share of the speech is the confidence', () => {
    assert.deepEqual(detectLanguage([word(0, 400, 'de'), word(400, 800, 'de')]), { code: 'de', confidence: 1 });
    // 600 ms of Chinese, 300 ms of English: 2/3, to 4 places.
    assert.deepEqual(detectLanguage([word(0, 300, 'en'), word(1000, 1400, 'zh'), word(1400, 1600, 'zh')]), { code: 'zh', confidence: 0.6667 });
  });

  it('counts words by time, not by number (a character per word in Chinese must not outvote English)', () => {
    const chinese = Array.from({ length: 6 }, (_, i) => word(i * 50, i * 50 + 50, 'zh'));
    assert.equal(detectLanguage([...chinese, word(1000, 2000, 'en')])?.code, 'en');
  });

  it('detects nothing where no word carries a language', () => {
    assert.equal(detectLanguage([]), null);
    assert.equal(detectLanguage([word(0, 100)]), null);
  });

  it("fails below the threshold in AssemblyAI's words, passes at or above it, and never without one", () => {
    const words = [word(0, 200, 'en'), word(200, 400, 'zh'), word(400, 600, 'zh')];
    assert.throws(
      () => identifyLanguage(words, 0.8),
      (error: unknown) =>
        error instanceof HarkError &&
        error.code === 'LANGUAGE_CONFIDENCE_LOW' &&
        error.message === "detected language 'zh', confidence 0.6667, is below the requested confidence threshold value of '0.8'",
    );
    assert.deepEqual(identifyLanguage(words, 0.6667), { code: 'zh', confidence: 0.6667 });
    assert.deepEqual(identifyLanguage(words, null), { code: 'zh', confidence: 0.6667 });
    assert.throws(() => identifyLanguage([], 0.1), /detected language 'none', confidence 0\.0000/);
    assert.equal(identifyLanguage([], 0), null);
  });
});
