import { performance } from 'node:perf_hooks';
import { PII_POLICIES, type CustomSpelling } from '../domain/options.js';
import type { Word } from '../domain/transcript.js';
import { autoChapters, type Chapter } from './chapters.js';
import { contentSafety, type ContentSafetyResult } from './content-safety.js';
import { analyse } from './content-words.js';
import { applyCustomSpelling } from './custom-spelling.js';
import { removeFillers } from './disfluencies.js';
import { detectEntities, toEntities, type Entity, type EntitySpan, type EntityType } from './entities.js';
import { autoHighlights, type AutoHighlightsResult } from './highlights.js';
import { iabCategories, type IabCategoriesResult } from './iab.js';
import { inverseNormalize } from './itn.js';
import { redactPii, type PiiSubstitution } from './pii.js';
import { filterProfanity } from './profanity.js';
import { punctuate } from './punctuate.js';
import { describeSentences, isPunctuated, segmentSentences, sentencesAtMarks, type Sentence } from './sentences.js';
import { analyseSentiment, type SentimentResult } from './sentiment.js';
import { summarize, type SummaryType } from './summarize.js';
import { tagWords } from './tagger.js';
import { truecase } from './truecase.js';
import { joinWords, type WordRange } from './words.js';

export type { Chapter, ContentSafetyResult, Entity, EntityType, AutoHighlightsResult, IabCategoriesResult, Sentence, SentimentResult, SummaryType };
export { CONTENT_SAFETY_LABELS } from './content-safety.js';
export { FILLER_WORDS } from './disfluencies.js';
export { DETECTABLE_PII_POLICIES, UNDETECTABLE_PII_POLICIES } from './pii.js';
export { IAB_TOPICS } from './iab-taxonomy.js';

/**
 * The request options the text stage reads, named and typed as in TranscriptOptions so the
 * pipeline can pass its parsed options as they are. Absent or null means AssemblyAI's default
 * (punctuate and format_text on, everything else off, hash substitution, confidence threshold 50).
 */
export interface TextFeatureOptions {
  punctuate?: boolean | null;
  format_text?: boolean | null;
  disfluencies?: boolean | null;
  custom_spelling?: CustomSpelling[] | null;
  filter_profanity?: boolean | null;
  redact_pii?: boolean | null;
  redact_pii_policies?: string[] | null;
  redact_pii_sub?: string | null;
  entity_detection?: boolean | null;
  sentiment_analysis?: boolean | null;
  auto_highlights?: boolean | null;
  summarization?: boolean | null;
  summary_type?: string | null;
  auto_chapters?: boolean | null;
  content_safety?: boolean | null;
  content_safety_confidence?: number | null;
  iab_categories?: boolean | null;
}

/** The transcript's words and text after the text stage, and every feature result in AssemblyAI's field names (null when off). */
export interface TextFeatureResult {
  words: Word[];
  text: string;
  /** Sentences over the returned `words` (for /sentences, utterances and subtitles). */
  sentences: Sentence[];
  entities: Entity[] | null;
  sentiment_analysis_results: SentimentResult[] | null;
  auto_highlights_result: AutoHighlightsResult | null;
  summary: string | null;
  chapters: Chapter[] | null;
  content_safety_labels: ContentSafetyResult | null;
  iab_categories_result: IabCategoriesResult | null;
  /** Time spans (ms) of the words redact_pii redacted, in order: what redact_pii_audio silences. */
  redactions: { start: number; end: number }[];
}

/** The feature results a transcript keeps beside its words and text. */
export type TextFeatures = Omit<TextFeatureResult, 'words' | 'text' | 'sentences' | 'redactions'>;

const SUMMARY_TYPES: readonly SummaryType[] = ['bullets', 'bullets_verbose', 'gist', 'headline', 'paragraph'];

/** Sentence ranges after entity_name redaction merged each redacted span into one word. */
function shiftRanges(ranges: readonly WordRange[], merged: readonly EntitySpan[]): WordRange[] {
  const removedBefore = (index: number): number =>
    merged.reduce((sum, span) => sum + (span.to <= index ? span.to - span.from - 1 : 0), 0);
  return ranges.map((range) => ({ from: range.from - removedBefore(range.from), to: range.to - removedBefore(range.to) }));
}

/**
 * Runs the text stage on recogniser words: fillers, ITN, custom spelling, sentence boundaries,
 * punctuation, casing, then the analysis features on the formatted words, and last profanity
 * masking and PII redaction of the served words. As with AssemblyAI, only `words`/`text` are
 * redacted; entities, summaries and the rest may still contain PII.
 */
export function applyTextFeatures(input: readonly Word[], options: TextFeatureOptions): TextFeatureResult {
  const formatText = options.format_text ?? true;
  let words = options.disfluencies === true ? [...input] : removeFillers(input);
  if (formatText) words = inverseNormalize(words);
  if (options.custom_spelling != null && options.custom_spelling.length > 0) words = applyCustomSpelling(words, options.custom_spelling);
  // Sentences a recogniser wrote itself are kept: pauses would only cut them in wrong places. The
  // raw words decide, since a custom spelling such as "Inc." must not make PocketSphinx output count.
  const ranges = isPunctuated(input) ? sentencesAtMarks(words) : segmentSentences(words);
  if (options.punctuate ?? true) words = punctuate(words, ranges);
  if (formatText) words = truecase(words, ranges);

  const sentences = describeSentences(words, ranges);
  const needsTags = [options.sentiment_analysis, options.auto_highlights, options.summarization, options.auto_chapters, options.iab_categories, options.entity_detection, options.redact_pii]
    .some((flag) => flag === true);
  const tags = needsTags ? tagWords(words, ranges) : [];
  const analysed = analyse(words, tags, sentences);
  const needsEntities = options.entity_detection === true || options.redact_pii === true;
  const spans = needsEntities ? detectEntities(words, ranges, tags) : [];
  const summaryType = SUMMARY_TYPES.find((type) => type === options.summary_type) ?? 'bullets';

  const result: TextFeatureResult = {
    words,
    text: '',
    sentences: [],
    entities: options.entity_detection === true ? toEntities(words, spans) : null,
    sentiment_analysis_results: options.sentiment_analysis === true ? analyseSentiment(sentences) : null,
    auto_highlights_result: options.auto_highlights === true ? autoHighlights(words, tags, ranges) : null,
    summary: options.summarization === true ? summarize(analysed, summaryType) : null,
    chapters: options.auto_chapters === true ? autoChapters(analysed) : null,
    content_safety_labels: options.content_safety === true ? contentSafety(sentences, options.content_safety_confidence ?? 50) : null,
    iab_categories_result: options.iab_categories === true ? iabCategories(analysed) : null,
    redactions: [],
  };
  // Profanity masking and redaction change only the served words: the analyses above read the
  // spoken words, so content safety still sees the profanity it reports.
  if (options.filter_profanity === true) result.words = filterProfanity(result.words);
  let merged: EntitySpan[] = [];
  if (options.redact_pii === true) {
    const policies = (options.redact_pii_policies ?? PII_POLICIES).filter((policy): policy is EntityType => (PII_POLICIES as readonly string[]).includes(policy));
    const substitution: PiiSubstitution = options.redact_pii_sub === 'entity_name' ? 'entity_name' : 'hash';
    const redacted = spans.filter((span) => policies.includes(span.type));
    result.redactions = redacted.map((span) => ({ start: words[span.from]?.start ?? 0, end: words[span.to - 1]?.end ?? 0 }));
    result.words = redactPii(result.words, redacted, policies, substitution);
    if (substitution === 'entity_name') merged = redacted;
  }
  result.sentences = describeSentences(result.words, shiftRanges(ranges, merged));
  result.text = joinWords(result.words);
  return result;
}

/** Every feature on: what the benchmark times against a job's wall time. */
export const ALL_TEXT_FEATURES: TextFeatureOptions = {
  punctuate: true, format_text: true, disfluencies: false, filter_profanity: true, redact_pii: true,
  entity_detection: true, sentiment_analysis: true, auto_highlights: true, summarization: true,
  auto_chapters: true, content_safety: true, iab_categories: true,
};

/** Milliseconds the text stage takes on `words` with every feature on (for `npm run bench`, ~1,500 words per 10 minutes). */
export function timeTextFeatures(words: readonly Word[]): number {
  const started = performance.now();
  applyTextFeatures(words, ALL_TEXT_FEATURES);
  return performance.now() - started;
}
