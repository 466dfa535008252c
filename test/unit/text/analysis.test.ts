import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { CONTENT_SAFETY_LABELS, contentSafety } from '../../../src/text/content-safety.js';
import { CURATED_TOPIC_LABELS } from '../../../src/text/iab.js';
import { IAB_TOPICS, iabLabel } from '../../../src/text/iab-taxonomy.js';
import { parseTranscriptOptions } from '../../../src/domain/options.js';
import { ALL_TEXT_FEATURES, applyTextFeatures, timeTextFeatures, type TextFeatureOptions } from '../../../src/text/index.js';
import type { Sentence } from '../../../src/text/sentences.js';
import { speak } from '../../fixtures/text/synthetic-speech.js';
import { TOPICS } from '../../fixtures/text/transcript.js';

const spoken = speak(TOPICS.flat(), 7);
const result = applyTextFeatures(spoken.words, { ...ALL_TEXT_FEATURES, summarization: true, summary_type: 'bullets' });
/** Start times of the second and third topic's first words. */
const shifts = [TOPICS[0]!.length, TOPICS[0]!.length + TOPICS[1]!.length].map((sentenceIndex) => {
  const wordIndex = TOPICS.flat().slice(0, sentenceIndex).join(' ').split(' ').length;
  return spoken.words[wordIndex]!.start;
});
const topicAt = (time: number): number => shifts.filter((shift) => time >= shift).length;

describe('auto_highlights', () => {
  it('finds the recurring topic phrases with counts, ranks and timestamps', (t: TestContext) => {
    const highlights = result.auto_highlights_result;
    assert.equal(highlights?.status, 'success');
    const top = highlights?.results.slice(0, 6).map((entry) => entry.text) ?? [];
    t.diagnostic(`top highlights: ${top.join(' | ')}`);
    for (const phrase of ['credit card charge', 'air quality alerts', 'artificial intelligence']) {
      assert.ok(highlights?.results.some((entry) => entry.text === phrase), `${phrase} missing`);
    }
    for (const entry of highlights?.results ?? []) {
      assert.equal(entry.timestamps.length, entry.count);
      assert.ok(entry.rank > 0 && entry.rank <= 1);
    }
  });
});

describe('summarization and chapters', () => {
  it('bullets: "- " lines taken from the transcript, one per topic at most a few', () => {
    const bullets = result.summary?.split('\n') ?? [];
    assert.ok(bullets.length >= 1 && bullets.length <= 5);
    for (const bullet of bullets) {
      assert.match(bullet, /^- /);
      assert.ok(result.text.includes(bullet.slice(2)), bullet);
    }
  });

  it('gist and headline are short', () => {
    const gist = applyTextFeatures(spoken.words, { summarization: true, summary_type: 'gist' }).summary ?? '';
    const headline = applyTextFeatures(spoken.words, { summarization: true, summary_type: 'headline' }).summary ?? '';
    assert.ok(gist.split(' ').length <= 6 && gist.length > 0, gist);
    assert.ok(headline.split(' ').length <= 16 && headline.length > 0, headline);
  });

  it('chapters: cuts within one sentence of both topic shifts and nowhere else', (t: TestContext) => {
    const chapters = result.chapters ?? [];
    t.diagnostic(`chapters: ${chapters.map((chapter) => `${chapter.start}-${chapter.end} "${chapter.gist}"`).join('; ')}; true shifts at ${shifts.join(', ')}`);
    assert.equal(chapters.length, 3);
    chapters.forEach((chapter, index) => {
      assert.deepEqual(Object.keys(chapter).sort(), ['end', 'gist', 'headline', 'start', 'summary']);
      assert.equal(topicAt(chapter.start + 1), index);
    });
  });
});

describe('content_safety', () => {
  const sentence = (text: string, index: number): Sentence => ({ text, from: index, to: index + 1, start: index * 1000, end: index * 1000 + 900, speaker: null });

  it('labels the wildfire topic and the fraud call, with the AssemblyAI shape', () => {
    const labels = result.content_safety_labels;
    assert.equal(labels?.status, 'success');
    assert.ok((labels?.summary.disasters ?? 0) > 0.5);
    for (const section of labels?.results ?? []) {
      assert.ok(section.sentences_idx_start <= section.sentences_idx_end);
      for (const label of section.labels) assert.ok(CONTENT_SAFETY_LABELS.includes(label.label));
    }
  });

  it('honours the confidence threshold and skips keyword traps', () => {
    const sentences = ['He pulled out a gun and threatened the clerk.', 'We are killing it this quarter.', 'I bought shampoo at the drug store.']
      .map(sentence);
    const found = contentSafety(sentences, 50);
    assert.deepEqual(found.results.map((section) => section.sentences_idx_start), [0]);
    assert.deepEqual(found.results[0]?.labels.map((label) => label.label).sort(), ['crime_violence', 'weapons']);
    assert.deepEqual(contentSafety(sentences, 100).results, []);
  });
});

describe('iab_categories', () => {
  it('has the 698 topics labelled as AssemblyAI labels them', () => {
    const labels = new Set(IAB_TOPICS.map((topic) => topic.label));
    assert.equal(IAB_TOPICS.length, 698);
    assert.equal(labels.size, 698);
    for (const label of ['HealthyLiving', 'NewsAndPolitics>Weather', 'Home&Garden>IndoorEnvironmentalQuality',
      'MedicalHealth>DiseasesAndConditions>Injuries>FirstAid', 'Style&Fashion>PersonalCare>DeodorantAndAntiperspirant',
      'Technology&Computing>Computing>Internet>InternetForBeginners']) {
      assert.ok(labels.has(label), label);
    }
    assert.equal(iabLabel(['Books and Literature', "Children's Literature"]), "BooksAndLiterature>Children'sLiterature");
    assert.deepEqual(CURATED_TOPIC_LABELS.filter((label) => !labels.has(label)), []);
  });

  it('puts each topic segment under a fitting label', (t: TestContext) => {
    const iab = result.iab_categories_result;
    t.diagnostic(`iab: ${iab?.results.map((segment) => segment.labels.slice(0, 3).map((label) => `${label.label} ${label.relevance}`).join(', ')).join(' / ')}`);
    const expected = [/^NewsAndPolitics>(Weather|Disasters)|IndoorEnvironmentalQuality/, /^PersonalFinance>/, /^Technology&Computing>/];
    assert.equal(iab?.results.length, 3);
    iab?.results.forEach((segment, index) => {
      assert.ok(segment.labels.slice(0, 3).some((label) => expected[index]!.test(label.label)), `segment ${index}`);
    });
    assert.equal(Math.max(...Object.values(iab?.summary ?? {})), 1);
  });
});

describe('text stage entry point', () => {
  it('serves text as the words joined by spaces, and null for features left off', () => {
    const plain = applyTextFeatures(spoken.words, {});
    assert.equal(plain.text, plain.words.map((word) => word.text).join(' '));
    assert.deepEqual([plain.entities, plain.summary, plain.chapters, plain.iab_categories_result], [null, null, null, null]);
  });

  it('leaves words unformatted with punctuate and format_text off', () => {
    const raw = applyTextFeatures(spoken.words, { punctuate: false, format_text: false });
    assert.deepEqual(raw.words.map((word) => word.text), spoken.words.map((word) => word.text));
  });

  it('takes the parsed transcript options as they are', () => {
    const options: TextFeatureOptions = parseTranscriptOptions({}, { coerceStrings: false });
    assert.equal(applyTextFeatures(spoken.words.slice(0, 5), options).words.length, 5);
  });

  it('exports a timing hook for the benchmark', () => {
    assert.ok(timeTextFeatures(spoken.words.slice(0, 50)) > 0);
  });
});
