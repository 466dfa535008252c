/** A notification to POST when a job ends, kept in the store's outbox until delivered or given up. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  maxAttempts: number;
}

export interface WebhookDelivery extends WebhookRequest {
  id: number;
  jobId: string;
  /** Attempts made so far, including the one being started when claimed. */
  attempts: number;
}

/** How one delivery attempt went: what the receiver answered (null: no answer) and what happens next. */
export interface WebhookAttempt {
  statusCode: number | null;
  error: string | null;
  /** Delivered (2xx), retry later, or give up (4xx, or attempts used up). */
  outcome: 'delivered' | 'retry' | 'failed';
  retryDelayMs: number;
}
