import type { Job } from '../domain/job.js';
import type { EngineLabels } from '../engines/engine.js';

/** What AssemblyAI shows for content safety and topics when they did not run. */
const UNAVAILABLE = { status: 'unavailable', results: [], summary: {} } as const;
/** What AssemblyAI shows in place of URLs once a transcript is deleted. */
const DELETED_URL = 'http://deleted_by_user';

/**
 * A job as an AssemblyAI transcript object: every field of the hosted API's sample response, in its
 * order, each echoing the request or its default. Used as `result` by the AI/ML API surface and as the
 * body of `/v2/transcript` responses. `engine`: the labels of the model the job is routed to, shown
 * until the job has run.
 */
export function assemblyAiTranscript(job: Job, engine: EngineLabels): Record<string, unknown> {
  const o = job.options;
  const r = job.status === 'completed' ? job.result : null;
  const deleted = job.deletedAt !== null;
  const f = r?.features;
  const transcript: Record<string, unknown> = {
    id: job.id,
    language_model: r?.languageModel ?? engine.languageModel,
    acoustic_model: r?.acousticModel ?? engine.acousticModel,
    // With language_detection, the language detected; otherwise the one asked for.
    language_code: r?.languageCode ?? o.language_code,
    status: job.status,
    audio_url: deleted ? DELETED_URL : job.audioUrl,
    text: deleted ? 'Deleted by user.' : (r?.text ?? null),
    words: deleted ? null : (r?.words ?? null),
    utterances: deleted ? null : (r?.utterances ?? null),
    confidence: deleted ? null : (r?.confidence ?? null),
    audio_duration: r ? Math.round(r.audioDurationSeconds) : null,
    // Only multichannel transcripts have it, as with AssemblyAI.
    ...(r?.audioChannels === undefined ? {} : { audio_channels: r.audioChannels }),
    punctuate: o.punctuate,
    format_text: o.format_text,
    dual_channel: o.dual_channel,
    webhook_url: deleted && o.webhook_url !== null ? DELETED_URL : o.webhook_url,
    webhook_status_code: job.webhookStatusCode,
    webhook_auth: o.webhook_auth_header_name !== null && o.webhook_auth_header_value !== null,
    webhook_auth_header_name: o.webhook_auth_header_name,
    speed_boost: o.speed_boost,
    auto_highlights_result: f?.auto_highlights_result ?? null,
    auto_highlights: o.auto_highlights ?? false,
    audio_start_from: o.audio_start_from,
    audio_end_at: o.audio_end_at,
    word_boost: o.word_boost,
    boost_param: o.boost_param,
    prompt: o.prompt,
    keyterms_prompt: o.keyterms_prompt,
    filter_profanity: o.filter_profanity,
    redact_pii: o.redact_pii ?? false,
    redact_pii_audio: o.redact_pii_audio,
    redact_pii_audio_quality: o.redact_pii_audio_quality,
    redact_pii_audio_options: o.redact_pii_audio_options,
    redact_pii_policies: o.redact_pii_policies,
    redact_pii_sub: o.redact_pii_sub,
    speaker_labels: o.speaker_labels,
    speaker_options: o.speaker_options,
    content_safety: o.content_safety,
    iab_categories: o.iab_categories,
    content_safety_labels: f?.content_safety_labels ?? UNAVAILABLE,
    iab_categories_result: f?.iab_categories_result ?? UNAVAILABLE,
    language_detection: o.language_detection,
    language_detection_options: o.language_detection_options,
    language_confidence_threshold: o.language_confidence_threshold,
    language_confidence: r?.languageConfidence ?? null,
    custom_spelling: o.custom_spelling,
    throttled: false,
    auto_chapters: o.auto_chapters,
    summarization: o.summarization ?? false,
    summary_type: o.summary_type,
    summary_model: o.summary_model,
    custom_topics: o.custom_topics,
    topics: o.topics,
    speech_threshold: o.speech_threshold,
    speech_model: r?.speechModel ?? engine.speechModel,
    chapters: f?.chapters ?? null,
    disfluencies: o.disfluencies,
    entity_detection: o.entity_detection,
    sentiment_analysis: o.sentiment_analysis,
    sentiment_analysis_results: f?.sentiment_analysis_results ?? null,
    entities: f?.entities ?? null,
    speakers_expected: o.speakers_expected,
    summary: f?.summary ?? null,
    custom_topics_results: null,
    is_deleted: deleted ? true : null,
    multichannel: o.multichannel,
    project_id: 0,
    token_id: 0,
  };
  if (job.status === 'error') transcript.error = job.failure?.message ?? 'Transcription failed.';
  return transcript;
}
