import { readFile } from 'node:fs/promises';
import { phonemize } from 'phonemizer';
import type { VocabularyBoost } from '../../domain/vocabulary-boost.js';
import type { PreparedVocabulary } from '../engine.js';
import { ipaToArpabet } from './ipa-to-arpabet.js';

/**
 * Prepares a job's boost for the PocketSphinx recognizer processes: words the model's dictionary lacks
 * get a pronunciation from eSpeak NG's letter-to-sound rules (the `phonemizer` package runs eSpeak NG
 * as WebAssembly), mapped onto the model's phones. Runs in the server process, once per job; the
 * dictionary's word list is read on the first job that boosts anything.
 */
export class PronunciationLexicon {
  readonly #dictionaryPath: string;
  #known: Promise<Set<string>> | null = null;

  constructor(dictionaryPath: string) {
    this.#dictionaryPath = dictionaryPath;
  }

  async prepare(boost: VocabularyBoost): Promise<PreparedVocabulary> {
    const known = await this.#knownWords();
    const pronunciations: Record<string, string[]> = {};
    for (const word of new Set(boost.phrases.flat())) {
      if (known.has(word)) continue;
      const ipa = await phonemize(word, 'en-us');
      pronunciations[word] = ipaToArpabet(ipa.join(' '));
    }
    return { phrases: boost.phrases, pronunciations, strength: boost.strength };
  }

  #knownWords(): Promise<Set<string>> {
    this.#known ??= readFile(this.#dictionaryPath, 'utf8').then(
      // Lines are `word PHONES…`, alternates as `word(2) PHONES…`.
      (text) => new Set(text.split('\n').map((line) => line.slice(0, line.indexOf(' ')).replace(/\(\d+\)$/, ''))),
      (error: unknown) => {
        this.#known = null;
        throw error;
      },
    );
    return this.#known;
  }
}
