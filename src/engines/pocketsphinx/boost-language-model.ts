/**
 * The small language model that PocketSphinx interpolates with its en-us trigram model to favour a
 * request's terms (engines.md: interpolation is what made rare terms recognisable; adding them to the
 * dictionary alone changed nothing). Every term word gets an equal unigram share; the words of a
 * phrase follow each other through bigrams, so "forced" makes "aligner" likelier still.
 */

/** The share of a phrase word's continuations that goes to the phrase's next word. */
const CONTINUATION = 0.9;

const log10 = (p: number): string => Math.log10(p).toFixed(4);

/** The boost model for `phrases` (lower-case dictionary words) in ARPA text format. */
export function boostLanguageModelArpa(phrases: readonly (readonly string[])[]): string {
  const words = [...new Set(phrases.flat())];
  const unigram = 1 / words.length;
  const following = new Map<string, Map<string, number>>();
  for (const phrase of phrases) {
    for (let i = 0; i + 1 < phrase.length; i++) {
      const next = following.get(phrase[i] as string) ?? new Map<string, number>();
      next.set(phrase[i + 1] as string, (next.get(phrase[i + 1] as string) ?? 0) + 1);
      following.set(phrase[i] as string, next);
    }
  }
  const unigramLines = words.map((word) => {
    const next = following.get(word);
    if (next === undefined) return `${log10(unigram)} ${word}`;
    // Backoff weight: what the bigrams leave, spread over the unigrams of the words they do not cover.
    const uncovered = 1 - next.size * unigram;
    return `${log10(unigram)} ${word} ${log10((1 - CONTINUATION) / Math.max(uncovered, unigram))}`;
  });
  const bigramLines = [...following].flatMap(([word, next]) => {
    const total = [...next.values()].reduce((sum, count) => sum + count, 0);
    return [...next].map(([then, count]) => `${log10((CONTINUATION * count) / total)} ${word} ${then}`);
  });
  return [
    '\\data\\',
    `ngram 1=${words.length + 2}`,
    ...(bigramLines.length > 0 ? [`ngram 2=${bigramLines.length}`] : []),
    '',
    '\\1-grams:',
    // Sentence bounds get no share: a likely </s> in the boost model ended utterances early and cost
    // a point of WER on speech without the terms.
    '-99.0000 <s>',
    '-99.0000 </s>',
    ...unigramLines,
    ...(bigramLines.length > 0 ? ['', '\\2-grams:', ...bigramLines] : []),
    '',
    '\\end\\',
    '',
  ].join('\n');
}
