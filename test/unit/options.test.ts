import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HarkError } from '../../src/domain/errors.js';
import { OPTION_SPECS, parseTranscriptOptions } from '../../src/domain/options.js';

const parse = (input: Record<string, unknown>, coerceStrings = false) => parseTranscriptOptions(input, { coerceStrings });

function rejects(input: Record<string, unknown>, code: string, message: RegExp, coerceStrings = false): void {
  assert.throws(
    () => parse(input, coerceStrings),
    (error: unknown) => error instanceof HarkError && error.code === code && message.test(error.message),
  );
}

describe('transcript options', () => {
  it('fills every option with its echoed default', () => {
    const options = parse({});
    assert.deepEqual(Object.keys(options).sort(), Object.keys(OPTION_SPECS).sort());
    assert.equal(options.language_code, 'en_us');
    assert.deepEqual(options.word_boost, []);
    assert.equal(options.speaker_labels, false);
    assert.equal(options.audio_start_from, null);
  });

  it('ignores unknown keys, as the hosted API does', () => {
    assert.doesNotThrow(() => parse({ something_new: 1 }));
  });

  it('checks types with AssemblyAI-style messages', () => {
    rejects({ format_text: 'yes' }, 'VALIDATION_FAILED', /^format_text must be a Boolean$/);
    rejects({ audio_start_from: 1.5 }, 'VALIDATION_FAILED', /^audio_start_from must be an Integer$/);
    rejects({ audio_start_from: -1 }, 'VALIDATION_FAILED', /between 0 and/);
    rejects({ boost_param: 'max' }, 'VALIDATION_FAILED', /one of: low, default, high/);
    rejects({ redact_pii_policies: ['person_name', 'shoe_size'] }, 'VALIDATION_FAILED', /unknown values: shoe_size/);
    rejects({ custom_spelling: [{ from: 1, to: 'x' }] }, 'VALIDATION_FAILED', /custom_spelling must be an Array/);
  });

  it('rejects switching on a feature that is not implemented, naming it', () => {
    rejects({ prompt: 'a meeting' }, 'OPTION_UNSUPPORTED', /^prompt is not supported/);
    rejects({ custom_topics: true }, 'OPTION_UNSUPPORTED', /^custom_topics/);
  });

  it('checks boost terms as AssemblyAI does', () => {
    rejects({ word_boost: ['kubernetes', 'Zürich', '東京'] }, 'VALIDATION_FAILED', /^'東京' was included in the word boost list but contains unsupported characters$/);
    rejects({ word_boost: ['--'] }, 'VALIDATION_FAILED', /^word_boost contains '--', which has no letters or digits$/);
    rejects({ keyterms_prompt: ['a b c d e f g'] }, 'VALIDATION_FAILED', /^keyterms_prompt phrases can have at most 6 words; 'a b c d e f g' has 7$/);
    rejects({ word_boost: Array.from({ length: 1001 }, (_, i) => `term${i}`) }, 'VALIDATION_FAILED', /at most 1000 terms; it has 1001/);
    // keyterms_prompt counts every word of every phrase.
    rejects({ keyterms_prompt: Array.from({ length: 501 }, (_, i) => `term ${i}`) }, 'VALIDATION_FAILED', /at most 1000 words .* it has 1002/);
    assert.deepEqual(parse({ word_boost: ['Zürich', 'GPT-4o'], boost_param: 'high' }).word_boost, ['Zürich', 'GPT-4o']);
  });

  it('accepts the off state of unimplemented features and settings of features that are off', () => {
    const options = parse({ speaker_labels: false, word_boost: [], summary_type: 'gist', redact_pii_sub: 'hash' });
    assert.equal(options.summary_type, 'gist');
  });

  it('turns the text features on as AssemblyAI does: punctuate and format_text by default, the rest on request', () => {
    const defaults = parse({});
    assert.deepEqual([defaults.punctuate, defaults.format_text, defaults.disfluencies, defaults.redact_pii], [true, true, false, false]);
    assert.deepEqual([defaults.summary_model, defaults.summary_type, defaults.redact_pii_sub, defaults.redact_pii_audio_quality], [null, null, null, null]);
  });

  it("fills a switched-on feature's settings with AssemblyAI's defaults, and keeps given ones", () => {
    const on = parse({ summarization: true, redact_pii: true, redact_pii_policies: ['person_name'], redact_pii_audio: true });
    assert.deepEqual([on.summary_model, on.summary_type, on.redact_pii_sub, on.redact_pii_audio_quality], ['informative', 'bullets', 'hash', 'mp3']);
    const given = parse({ summarization: true, summary_model: 'catchy', summary_type: 'headline', redact_pii: true, redact_pii_policies: ['person_name'], redact_pii_sub: 'entity_name' });
    assert.deepEqual([given.summary_model, given.summary_type, given.redact_pii_sub], ['catchy', 'headline', 'entity_name']);
  });

  it('checks the rules between options, naming the parameter at fault', () => {
    assert.throws(() => parse({ summarization: true, summary_model: 'informative' }), (error: unknown) => error instanceof HarkError && error.param === 'summary_type');
    rejects({ redact_pii: true, redact_pii_policies: [] }, 'VALIDATION_FAILED', /redact_pii_policies must list/);
    rejects({ summarization: true, format_text: false }, 'VALIDATION_FAILED', /requires punctuate and format_text/);
  });

  it('accepts language codes as given, leaving whether the model speaks them to routing', () => {
    assert.equal(parse({ language_code: 'en_AU' }).language_code, 'en_AU');
    assert.equal(parse({ language_code: 'de' }).language_code, 'de');
    assert.equal(parse({ language_detection: true }).language_detection, true);
  });

  it('coerces multipart strings only when asked to', () => {
    const options = parse({ punctuate: 'false', audio_start_from: '1000', audio_end_at: '2000', word_boost: '[]' }, true);
    assert.equal(options.punctuate, false);
    assert.equal(options.audio_start_from, 1000);
    assert.deepEqual(options.word_boost, []);
    rejects({ audio_start_from: '1000' }, 'VALIDATION_FAILED', /must be an Integer/);
    rejects({ punctuate: 'maybe' }, 'VALIDATION_FAILED', /must be a Boolean/, true);
  });

  it('requires the trim window to be ordered', () => {
    rejects({ audio_start_from: 5000, audio_end_at: 4000 }, 'VALIDATION_FAILED', /audio_end_at must be greater/);
  });

  it('validates the speaker options as AssemblyAI does', () => {
    const on = parse({ speaker_labels: true, speaker_options: { min_speakers_expected: 2, max_speakers_expected: 4 } });
    assert.deepEqual(on.speaker_options, { min_speakers_expected: 2, max_speakers_expected: 4 });
    assert.equal(parse({ speaker_labels: 'true', speakers_expected: '2' }, true).speakers_expected, 2);
    assert.equal(parse({ speaker_options: '{"min_speakers_expected": 1}' }, true).speaker_options?.min_speakers_expected, 1);
    rejects({ speakers_expected: 11 }, 'VALIDATION_FAILED', /^speakers_expected must be between 1 and 10$/);
    rejects({ speakers_expected: 1.5 }, 'VALIDATION_FAILED', /^speakers_expected must be an Integer$/);
    rejects({ speaker_options: { min_speakers_expected: 0 } }, 'VALIDATION_FAILED', /^speaker_options.min_speakers_expected must be between 1/);
    rejects({ speaker_options: { max_speakers_expected: 'two' } }, 'VALIDATION_FAILED', /^speaker_options.max_speakers_expected must be an Integer$/);
    rejects({ speaker_options: { min_speakers_expected: 3, max_speakers_expected: 2 } }, 'VALIDATION_FAILED', /min_speakers_expected must not exceed/);
    rejects({ speakers_expected: 2, speaker_options: { max_speakers_expected: 3 } }, 'VALIDATION_FAILED', /^Both speaker_options and speakers_expected can not be used in the same request\.$/);
    rejects({ multichannel: 'yes' }, 'VALIDATION_FAILED', /^multichannel must be a Boolean$/);
  });

  it('allows the conversational summary model once words carry speakers', () => {
    const summary = { summarization: true, summary_model: 'conversational', summary_type: 'bullets' };
    rejects(summary, 'VALIDATION_FAILED', /conversational requires speaker_labels or multichannel/);
    assert.equal(parse({ ...summary, speaker_labels: true }).summary_model, 'conversational');
    assert.equal(parse({ ...summary, dual_channel: true }).summary_model, 'conversational');
  });
});
