import type { Job } from '../domain/job.js';
import type { WebhookRequest } from '../domain/webhook.js';

/**
 * The notification AssemblyAI sends when a transcript ends: POST `{transcript_id, status}` to the
 * job's `webhook_url` (query string kept), with the caller's auth header when one was given.
 */
export function webhookFor(job: Job, status: 'completed' | 'error', maxAttempts: number): WebhookRequest | null {
  const { webhook_url: url, webhook_auth_header_name: name, webhook_auth_header_value: value } = job.options;
  if (url === null) return null;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (name !== null && value !== null) headers[name] = value;
  return { url, headers, body: { transcript_id: job.id, status }, maxAttempts };
}
