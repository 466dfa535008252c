import { readFile } from 'node:fs/promises';
import type { VocabularyBoost } from '../../domain/vocabulary-boost.js';
import type { PreparedVocabulary } from '../engine.js';
import { ipaToArpabet } from './ipa-to-arpabet.js';

/**
 * Prepares a job's boost for the PocketSphinx decoders: words the model's dictionary lacks
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
    const unknown = [...new Set(boost.phrases.flat())].filter((word) => !known.has(word));
    const pronunciations: Record<string, string[]> = {};
    if (unknown.length > 0) {
      // Loaded on first need: eSpeak NG's WebAssembly costs a server that never boosts about 16 MB.
      const { phonemize } = await import('phonemizer');
      for (const word of unknown) pronunciations[word] = ipaToArpabet((await phonemize(word, 'en-us')).join(' '));
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
