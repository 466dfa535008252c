import type { Job, JobOutcome } from '../domain/job.js';
import type { WebhookRequest } from '../domain/webhook.js';

export interface WebhookSettings {
  maxAttempts: number;
  /** The capability URL of a job's redacted audio file. */
  redactedAudioUrl: (jobId: string, name: string) => string;
}

/**
 * The notifications AssemblyAI sends when a transcript ends: POST `{transcript_id, status}` to the
 * job's `webhook_url` (query string kept), with the caller's auth header when one was given; and,
 * when redact_pii_audio produced a file, a second POST `{status: "redacted_audio_ready",
 * redacted_audio_url}` to the same URL (api-spec §2.12).
 */
export function webhooksFor(job: Job, outcome: JobOutcome, settings: WebhookSettings): WebhookRequest[] {
  const { webhook_url: url, webhook_auth_header_name: name, webhook_auth_header_value: value } = job.options;
  if (url === null) return [];
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (name !== null && value !== null) headers[name] = value;
  const request = (body: unknown): WebhookRequest => ({ url, headers, body, maxAttempts: settings.maxAttempts });
  const webhooks = [request({ transcript_id: job.id, status: outcome.status })];
  const redacted = outcome.status === 'completed' ? outcome.result.redactedAudio : undefined;
  if (redacted !== undefined) {
    webhooks.push(request({ status: 'redacted_audio_ready', redacted_audio_url: settings.redactedAudioUrl(job.id, redacted) }));
  }
  return webhooks;
}
