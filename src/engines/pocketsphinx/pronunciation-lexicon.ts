import { readFile } from 'node:fs/promises';
import type { VocabularyBoost } from '../../domain/vocabulary-boost.js';
import type { PreparedVocabulary } from '../engine.js';
import { ipaToArpabet } from './ipa-to-arpabet.js';

/**
 * Prepares a job's boost for the PocketSphinx decoders: every boosted word gets a pronunciation, the
 * model's dictionary's own where it has one (decoders load only the words their language model knows,
 * so a boosted word may be in the dictionary and still missing from theirs), else one from eSpeak NG's
 * letter-to-sound rules (the `phonemizer` package runs eSpeak NG as WebAssembly) mapped onto the
 * model's phones. Runs in the server process, once per job that boosts.
 */
export class PronunciationLexicon {
  readonly #dictionaryPath: string;

  constructor(dictionaryPath: string) {
    this.#dictionaryPath = dictionaryPath;
  }

  async prepare(boost: VocabularyBoost): Promise<PreparedVocabulary> {
    const words = new Set(boost.phrases.flat());
    const pronunciations = await this.#dictionaryPronunciations(words);
    const unknown = [...words].filter((word) => pronunciations[word] === undefined);
    if (unknown.length > 0) {
      // Loaded on first need: eSpeak NG's WebAssembly costs a server that never boosts about 16 MB.
      const { phonemize } = await import('phonemizer');
      for (const word of unknown) pronunciations[word] = ipaToArpabet((await phonemize(word, 'en-us')).join(' '));
    }
    return { phrases: boost.phrases, pronunciations, strength: boost.strength };
  }

  /**
   * The dictionary's first pronunciation of each of `words` it has. The file (3 MB) is scanned per
   * job, 10–25 ms, rather than indexed: a set of its words alone held 14 MB of the server's heap.
   */
  async #dictionaryPronunciations(words: ReadonlySet<string>): Promise<Record<string, string[]>> {
    const found: Record<string, string[]> = {};
    // Lines are `word PHONES…`, alternates as `word(2) PHONES…` after the first.
    for (const line of (await readFile(this.#dictionaryPath, 'utf8')).split('\n')) {
      const word = line.slice(0, line.indexOf(' '));
      if (words.has(word) && found[word] === undefined) found[word] = line.slice(word.length + 1).trim().split(/\s+/);
    }
    return found;
  }
}
