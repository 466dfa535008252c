import type { AudioInfo } from '../audio/probe-audio.js';
import { redactAudio, type TimeSpan } from '../audio/redact-audio.js';
import type { RedactedAudioFiles } from '../audio/redacted-audio-files.js';
import { HarkError } from '../domain/errors.js';
import type { Job } from '../domain/job.js';

/** The job's audio file as the pipeline found it. */
export interface SourceAudio {
  path: string;
  info: AudioInfo;
  /** Its whole duration, measured while decoding when the container does not state it. */
  durationMs: number;
}

/**
 * Stage 7 (redact_pii_audio): a copy of the job's audio with the redacted words' spans beeped, or
 * silenced when `redact_pii_audio_options.override_audio_redaction_method` is "silence", as
 * mp3 (AssemblyAI's default) or wav. Audio outside `audio_start_from`/`audio_end_at` was never
 * transcribed, so never checked for PII: it is silenced, keeping the file on the original timeline.
 * Returns the stored file's name.
 */
export async function redactJobAudio(
  job: Pick<Job, 'id' | 'options'>,
  source: SourceAudio,
  spans: readonly TimeSpan[],
  files: RedactedAudioFiles,
  signal?: AbortSignal,
): Promise<string> {
  const options = job.options;
  const format = options.redact_pii_audio_quality === 'wav' ? 'wav' : 'mp3';
  const method = options.redact_pii_audio_options?.override_audio_redaction_method === 'silence' ? 'silence' : 'beep';
  const unchecked: TimeSpan[] = [];
  if (options.audio_start_from !== null && options.audio_start_from > 0) unchecked.push({ start: 0, end: options.audio_start_from });
  if (options.audio_end_at !== null && options.audio_end_at < source.durationMs) unchecked.push({ start: options.audio_end_at, end: source.durationMs });
  try {
    return await files.write(job.id, format, (path) =>
      redactAudio(source.path, path, { pii: spans, unchecked }, { method, format, sampleRate: source.info.sampleRate, channels: source.info.channels }, signal),
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new HarkError('AUDIO_REDACTION_FAILED', `PII audio redaction failed: ${(error as Error).message}`, { cause: error });
  }
}
