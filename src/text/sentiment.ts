import { createRequire } from 'node:module';
import type { Sentence } from './sentences.js';

/** AssemblyAI's `sentiment_analysis_results[]` item. */
export interface SentimentResult {
  text: string;
  start: number;
  end: number;
  sentiment: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';
  confidence: number;
  speaker: string | null;
}

/**
 * Compound score from which a sentence is polar. VADER suggests 0.05 for written text; business
 * talk is full of mildly positive politeness ("please", "shared", "right") that is neutral in
 * intent, and 0.35 fits the tune set (test/fixtures/text/sentiment.ts) best.
 */
const POLAR = 0.35;

type SentimentAnalyzer = (typeof import('vader-sentiment'))['SentimentIntensityAnalyzer'];
let analyzer: SentimentAnalyzer | undefined;

/** VADER, loaded on first use: it costs the text stage 7 MB that jobs without sentiment analysis never need. */
function sentimentAnalyzer(): SentimentAnalyzer {
  analyzer ??= (createRequire(import.meta.url)('vader-sentiment') as typeof import('vader-sentiment')).SentimentIntensityAnalyzer;
  return analyzer;
}

/**
 * Sentiment per sentence with VADER (best of the four offline options measured in nlp-notes §3.8).
 * VADER gives no probability; the confidence reported is a monotone map of its compound score
 * (polar: 0.5 + |compound|/2; neutral: 1 − |compound|/POLAR/2), so it orders results but is not calibrated.
 */
export function analyseSentiment(sentences: readonly Sentence[]): SentimentResult[] {
  return sentences.map((sentence) => {
    const { compound } = sentimentAnalyzer().polarity_scores(sentence.text);
    const sentiment = compound >= POLAR ? 'POSITIVE' : compound <= -POLAR ? 'NEGATIVE' : 'NEUTRAL';
    const confidence = sentiment === 'NEUTRAL' ? 1 - Math.abs(compound) / POLAR / 2 : 0.5 + Math.abs(compound) / 2;
    return {
      text: sentence.text,
      start: sentence.start,
      end: sentence.end,
      sentiment,
      confidence: Math.round(confidence * 1000) / 1000,
      speaker: sentence.speaker,
    };
  });
}
