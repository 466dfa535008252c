import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boostSpellings, termWords, vocabularyBoostOf } from '../../src/domain/vocabulary-boost.js';
import { boostLanguageModelArpa } from '../../src/engines/pocketsphinx/boost-language-model.js';
import type { PreparedVocabulary } from '../../src/engines/engine.js';
import { decodingDictionary } from '../../src/engines/pocketsphinx/decoding-dictionary.js';
import { ipaToArpabet } from '../../src/engines/pocketsphinx/ipa-to-arpabet.js';
import { loadPocketSphinx } from '../../src/engines/pocketsphinx/pocketsphinx-binding.js';
import { loadConfig } from '../../src/config/config.js';
import { dictionaryPath, PocketSphinxDecoder, POCKETSPHINX_MODEL_DIR } from '../../src/engines/pocketsphinx/pocketsphinx-decoder.js';
import { PronunciationLexicon } from '../../src/engines/pocketsphinx/pronunciation-lexicon.js';
import { evalItem } from '../helpers/eval-set.js';
import { decodePcm16 } from '../helpers/pcm.js';

// Boosted words must also survive the service's rejection of unlikely words.
const SETTINGS = { modelDir: POCKETSPHINX_MODEL_DIR, extraArgs: [], speakerAdaptation: false, minWordConfidence: loadConfig({}).minWordConfidence };
const LEXICON = new PronunciationLexicon(dictionaryPath(SETTINGS));

/** Runs `check` with a fresh decoder and a function giving its words for an eval clip, boosted or not. */
async function withDecoderOn(itemId: string, check: (text: (vocabulary?: PreparedVocabulary) => Promise<string>) => Promise<void>): Promise<void> {
  const decoder = new PocketSphinxDecoder(SETTINGS);
  try {
    const samples = decodePcm16(evalItem(itemId).path);
    await check(async (vocabulary) => (await decoder.recognize(samples, { vocabulary })).map((word) => word.text).join(' '));
  } finally {
    decoder.free();
  }
}

describe('vocabulary boost', () => {
  it('spells terms as dictionary words and merges both options', () => {
    assert.deepEqual(termWords('GPT-4o'), ['gpt', '4o']);
    assert.deepEqual(termWords("  Zürich's  café "), ["zurich's", 'cafe']);
    assert.deepEqual(
      vocabularyBoostOf({ word_boost: ['Kubernetes', 'kubernetes'], keyterms_prompt: ['Montreal Forced Aligner'], boost_param: null }),
      { phrases: [['kubernetes'], ['montreal', 'forced', 'aligner']], strength: 'default' },
    );
    assert.equal(vocabularyBoostOf({ word_boost: [], keyterms_prompt: null, boost_param: 'high' }), null);
  });

  it('writes boosted words as the request writes them, in formatted text only', () => {
    const options = { word_boost: ['Kubernetes', 'kubectl', '"GPT"', 'GPT-4o'], keyterms_prompt: ['Montreal Forced aligner'] };
    assert.deepEqual(boostSpellings({ ...options, format_text: null }), [
      { from: ['kubernetes'], to: 'Kubernetes' },
      { from: ['gpt'], to: 'GPT' },
      { from: ['montreal'], to: 'Montreal' },
      { from: ['forced'], to: 'Forced' },
    ]);
    assert.deepEqual(boostSpellings({ ...options, format_text: false }), []);
  });

  it("maps eSpeak's IPA onto the model's phones", () => {
    assert.deepEqual(ipaToArpabet('ɐlˈaɪnɚ'), ['AH', 'L', 'AY', 'N', 'ER']);
    // Flap, glottal stop and syllabic consonants, as the CMU dictionary writes `little` and `button`.
    assert.deepEqual(ipaToArpabet('lˈɪɾəl'), ['L', 'IH', 'T', 'AH', 'L']);
    assert.deepEqual(ipaToArpabet('bˈʌʔn̩'), ['B', 'AH', 'T', 'AH', 'N']);
    assert.deepEqual(ipaToArpabet('soʊlˈɑːɹɹi'), ['S', 'OW', 'L', 'AA', 'R', 'IY']);
  });

  it("gives each boosted word the dictionary's pronunciation, or eSpeak's where it has none", async () => {
    const prepared = await LEXICON.prepare({ phrases: [['montreal', 'forced', 'aligner'], ['kubernetes'], ['read']], strength: 'low' });
    assert.deepEqual(prepared.pronunciations, {
      montreal: ['M', 'AH', 'N', 'T', 'R', 'IY', 'AO', 'L'],
      forced: ['F', 'AO', 'R', 'S', 'T'],
      // The first of the dictionary's pronunciations.
      read: ['R', 'EH', 'D'],
      aligner: ['AH', 'L', 'AY', 'N', 'ER'],
      kubernetes: ['K', 'UW', 'B', 'ER', 'N', 'EH', 'T', 'IY', 'Z'],
    });
    assert.equal(prepared.strength, 'low');
  });

  it("loads decoders with the dictionary's words that the language model has", () => {
    const dir = POCKETSPHINX_MODEL_DIR;
    const dictionary = decodingDictionary(loadPocketSphinx(), `${dir}/cmudict-en-us.dict`, `${dir}/en-us.lm.bin`);
    const entries = dictionary.toString().split('\n');
    assert.ok(entries.includes('read R EH D') && entries.includes('read(2) R IY D'), 'alternate pronunciations stay');
    // In the CMU dictionary, not in the en-us trigram model.
    assert.ok(!entries.some((line) => line.startsWith('quilter ')));
    assert.ok(entries.length > 70_000 && entries.length < 100_000, `${entries.length} entries`);
  });

  it('builds a boost model whose unigrams share the mass and whose phrases chain', () => {
    const arpa = boostLanguageModelArpa([['montreal', 'forced', 'aligner'], ['forced', 'labour']]);
    const unigramSection = arpa.slice(arpa.indexOf('\\1-grams:'), arpa.indexOf('\\2-grams:'));
    const unigrams = [...unigramSection.matchAll(/^(-?[\d.]+) ([a-z]+)(?: |$)/gm)].map((match) => 10 ** Number(match[1]));
    assert.equal(unigrams.length, 4);
    assert.ok(Math.abs(unigrams.reduce((sum, p) => sum + p, 0) - 1) < 1e-3);
    assert.match(arpa, /^ngram 2=3$/m);
    // "forced" continues two ways, each half of the continuation share.
    assert.match(arpa, new RegExp(`^${Math.log10(0.45).toFixed(4)} forced aligner$`, 'm'));
    assert.match(arpa, /^-99\.0000 <\/s>$/m);
  });

  it('makes the decoder hear a boosted word it does not know, and switches back', async () => {
    await withDecoderOn('mfa_mfa_kmg', async (text) => {
      const plain = await text();
      assert.doesNotMatch(plain, /aligner/);
      const boosted = await LEXICON.prepare({ phrases: [['montreal', 'forced', 'aligner']], strength: 'default' });
      assert.match(await text(boosted), /montreal forced aligner/);
      assert.equal(await text(), plain, 'without a vocabulary the plain search is back');
      // A second vocabulary adds another unknown word: the dictionary is reloaded and the first boost still works.
      const other = await LEXICON.prepare({ phrases: [['kubernetes'], ['aligner']], strength: 'high' });
      assert.doesNotMatch(await text(other), /kubernetes/);
      assert.match(await text(boosted), /montreal forced aligner/);
    });
  });

  it('makes the decoder hear a boosted word its dictionary has but its language model lacks', async () => {
    // "Mr. Quilter is the apostle of the middle classes…"
    await withDecoderOn('pv_leopard_test', async (text) => {
      assert.doesNotMatch(await text(), /quilter/);
      assert.match(await text(await LEXICON.prepare({ phrases: [['quilter']], strength: 'default' })), /quilter/);
    });
  });
});
