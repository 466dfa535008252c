/**
 * Word error rate with one normaliser for both sides (lower case, punctuation dropped, apostrophes
 * kept inside words, hyphens split), so hypotheses and references are compared on words alone.
 */
export function normalizeForWer(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[-–—/]/g, ' ')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '');
}

export interface WerCounts {
  /** Substitutions + deletions + insertions. */
  errors: number;
  referenceWords: number;
}

/** Levenshtein distance over words between `reference` and `hypothesis`. */
export function werCounts(reference: string, hypothesis: string): WerCounts {
  const ref = normalizeForWer(reference);
  const hyp = normalizeForWer(hypothesis);
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const current = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const substitution = (previous[j - 1] as number) + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return { errors: previous[hyp.length] as number, referenceWords: ref.length };
}

/** Pooled WER over several utterances (total errors / total reference words). */
export function pooledWer(counts: readonly WerCounts[]): number {
  const words = counts.reduce((sum, c) => sum + c.referenceWords, 0);
  return words === 0 ? 0 : counts.reduce((sum, c) => sum + c.errors, 0) / words;
}
