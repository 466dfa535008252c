import { normalizeForWer } from '../../src/lib/word-error-rate.js';

/**
 * For each hypothesis word, whether a minimum-edit alignment against the reference matches it — the
 * basis of the confidence calibration (are low-confidence words wrong more often?).
 */
export function hypothesisWordsCorrect(reference: string, hypothesisWords: readonly string[]): boolean[] {
  const ref = normalizeForWer(reference);
  const hyp = hypothesisWords.map((word) => normalizeForWer(word).join(' '));
  const rows = ref.length + 1;
  const cols = hyp.length + 1;
  const cost = new Uint32Array(rows * cols);
  for (let i = 0; i < rows; i++) cost[i * cols] = i;
  for (let j = 0; j < cols; j++) cost[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const diagonal = (cost[(i - 1) * cols + j - 1] as number) + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      cost[i * cols + j] = Math.min(diagonal, (cost[(i - 1) * cols + j] as number) + 1, (cost[i * cols + j - 1] as number) + 1);
    }
  }
  const correct = new Array<boolean>(hyp.length).fill(false);
  let i = ref.length;
  let j = hyp.length;
  while (i > 0 && j > 0) {
    const here = cost[i * cols + j] as number;
    const match = ref[i - 1] === hyp[j - 1];
    if (here === (cost[(i - 1) * cols + j - 1] as number) + (match ? 0 : 1)) {
      correct[j - 1] = match;
      i--;
      j--;
    } else if (here === (cost[(i - 1) * cols + j] as number) + 1) {
      i--;
    } else {
      j--;
    }
  }
  return correct;
}
