import type { EngineWord } from '../engine.js';
import type { OfflineResult } from './sherpa-onnx-binding.js';

/** How long a token lasts when the family reports only where it starts (a CTC spike, a transducer emission). */
const TOKEN_SECONDS = 0.08;

/** Markers rather than text: `<unk>`, and SenseVoice's `<|en|>`-style language and event tags. */
const MARKER = /^<[^<>]*>$/;

/** Scripts written without spaces: each character is a word of its own. */
const UNSPACED_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

interface TokenSpan {
  text: string;
  first: number;
  last: number;
}

/**
 * Turns a sherpa-onnx result into words timed in ms from the start of the segment. sherpa-onnx marks a
 * word start with a leading space on the token (its rendering of SentencePiece's `▁`).
 * - Times: the first token's time; the end is the last token's duration (TDT) or a token's length,
 *   never past the next word. Families that report no token times (Whisper, Moonshine in sherpa-onnx
 *   1.13) get the segment spread over their words by length — coarse, but inside the right pause-cut
 *   segment.
 * - Confidence: the geometric mean of the word's token probabilities where the family reports them
 *   (transducers); 1 where it reports none (CTC, Whisper, Moonshine, SenseVoice), so that clients that
 *   drop low-confidence words keep them.
 * - Language: every word carries the segment's language tag, where the model gives one.
 */
export function wordsFromResult(result: OfflineResult, segmentSeconds: number): EngineWord[] {
  // A family that reports text without tokens still has words: its spaces mark them.
  const tokens = result.tokens.length > 0 ? result.tokens : result.text.split(/(?=\s)/);
  const spans = wordSpans(tokens);
  if (spans.length === 0) return [];
  const timed = result.timestamps.length === tokens.length;
  const scored = result.ys_log_probs.length === tokens.length;
  const ends = timed ? null : spreadByLength(spans, segmentSeconds);
  const language = languageOf(result);
  return spans.map((span, index) => {
    let start: number;
    let end: number;
    if (ends === null) {
      start = result.timestamps[span.first] as number;
      const next = spans[index + 1];
      const nextStart = next ? (result.timestamps[next.first] as number) : segmentSeconds;
      const length = result.durations[span.last] ?? TOKEN_SECONDS;
      end = Math.max(start, Math.min((result.timestamps[span.last] as number) + length, nextStart, segmentSeconds));
    } else {
      start = index === 0 ? 0 : (ends[index - 1] as number);
      end = ends[index] as number;
    }
    return {
      text: span.text,
      startMs: start * 1000,
      endMs: end * 1000,
      confidence: scored ? geometricMean(result.ys_log_probs.slice(span.first, span.last + 1)) : 1,
      ...(language === null ? {} : { language }),
    };
  });
}

/**
 * The language a result is tagged with, as a bare code: SenseVoice writes `<|en|>`, Whisper `en`.
 * Null when there is none: other families, and SenseVoice's `<|nospeech|>`.
 */
export function languageOf(result: OfflineResult): string | null {
  const code = (result.lang ?? '').replace(/^<\|(.*)\|>$/, '$1').trim().toLowerCase();
  return code === '' || code === 'nospeech' ? null : code;
}

function wordSpans(tokens: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const [index, token] of tokens.entries()) {
    const text = token.trim();
    if (text === '' || MARKER.test(text)) continue;
    const current = spans.at(-1);
    if (current === undefined || /^\s/.test(token) || UNSPACED_SCRIPT.test(text) || UNSPACED_SCRIPT.test(current.text.slice(-1))) {
      spans.push({ text, first: index, last: index });
    } else {
      current.text += text;
      current.last = index;
    }
  }
  return spans;
}

/** Word end times when a family gives no token times: the segment shared in proportion to word length. */
function spreadByLength(spans: readonly TokenSpan[], segmentSeconds: number): number[] {
  const total = spans.reduce((sum, span) => sum + span.text.length, 0);
  let elapsed = 0;
  return spans.map((span) => {
    elapsed += span.text.length;
    return (segmentSeconds * elapsed) / total;
  });
}

function geometricMean(logProbs: readonly number[]): number {
  const mean = logProbs.reduce((sum, value) => sum + value, 0) / logProbs.length;
  return Math.min(1, Math.max(0, Math.exp(mean)));
}
