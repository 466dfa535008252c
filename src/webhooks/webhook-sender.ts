import { randomUUID } from 'node:crypto';
import type { WebhookAttempt, WebhookDelivery } from '../domain/webhook.js';
import type { Logger } from '../lib/logger.js';
import type { AddressPolicy } from '../net/address-policy.js';
import { ForbiddenAddressError, guardedRequest, InvalidUrlError } from '../net/guarded-http.js';
import type { JobStore } from '../store/job-store.js';

export interface WebhookSenderOptions {
  store: JobStore;
  policy: AddressPolicy;
  logger: Logger;
  /** Receivers must answer within this time (AssemblyAI: 10 s). */
  timeoutMs: number;
  /** Delay between attempts (AssemblyAI: 10 s). */
  retryDelayMs: number;
  pollIntervalMs: number;
  /** Deliveries sent at the same time. */
  concurrency: number;
}

/**
 * Delivers queued webhooks from the store's outbox. A 2xx answer delivers; a 4xx fails for good (the
 * receiver refused it); 5xx, timeouts and network errors are retried until the delivery's attempts
 * run out. Deliveries are leased like jobs, so after a crash or restart they are picked up again.
 */
export class WebhookSender {
  readonly id = `webhooks-${randomUUID()}`;
  readonly #options: WebhookSenderOptions;
  readonly #running = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #filling = false;
  #stopping = false;
  readonly #controller = new AbortController();

  constructor(options: WebhookSenderOptions) {
    this.#options = options;
  }

  start(): void {
    this.#timer = setInterval(() => this.wake(), this.#options.pollIntervalMs);
    this.wake();
  }

  wake(): void {
    if (this.#stopping || this.#filling) return;
    this.#filling = true;
    void this.#fill()
      .catch((error: unknown) => this.#options.logger.error({ err: error }, 'claiming webhooks failed'))
      .finally(() => {
        this.#filling = false;
      });
  }

  async #fill(): Promise<void> {
    const { store, timeoutMs } = this.#options;
    while (!this.#stopping && this.#running.size < this.#options.concurrency) {
      // The lease outlives one attempt (timeout) by a margin, so a slow receiver is not sent twice.
      const delivery = await store.claimWebhook(this.id, timeoutMs * 2 + 5_000);
      if (delivery === null) return;
      const sending = this.#send(delivery)
        .catch((error: unknown) =>
          // The store refused the attempt (e.g. a full disk): the lease runs out and it is sent again.
          this.#options.logger.error({ jobId: delivery.jobId, err: error }, 'could not record the webhook attempt; it is sent again when its lease expires'),
        )
        .finally(() => {
          this.#running.delete(sending);
          this.wake();
        });
      this.#running.add(sending);
    }
  }

  async #send(delivery: WebhookDelivery): Promise<void> {
    const attempt = await this.#attempt(delivery);
    // Cut short by stop(): record nothing, the lease runs out and the next start sends it again.
    if (this.#controller.signal.aborted && attempt.outcome !== 'delivered') return;
    const log = { jobId: delivery.jobId, attempt: delivery.attempts, statusCode: attempt.statusCode, outcome: attempt.outcome };
    if (attempt.outcome === 'delivered') this.#options.logger.info(log, 'webhook delivered');
    else this.#options.logger.warn({ ...log, error: attempt.error }, 'webhook not delivered');
    await this.#options.store.recordWebhookAttempt(delivery, this.id, attempt);
  }

  async #attempt(delivery: WebhookDelivery): Promise<WebhookAttempt> {
    const { policy, timeoutMs, retryDelayMs } = this.#options;
    const outOfAttempts = delivery.attempts >= delivery.maxAttempts;
    const retryOrFail = (statusCode: number | null, error: string): WebhookAttempt => ({
      statusCode,
      error,
      outcome: outOfAttempts ? 'failed' : 'retry',
      retryDelayMs,
    });
    try {
      const response = await guardedRequest(delivery.url, {
        method: 'POST',
        headers: delivery.headers,
        body: JSON.stringify(delivery.body),
        policy,
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), this.#controller.signal]),
      });
      response.resume();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) return { statusCode: status, error: null, outcome: 'delivered', retryDelayMs: 0 };
      if (status >= 400 && status < 500) return { statusCode: status, error: `receiver answered ${status}`, outcome: 'failed', retryDelayMs: 0 };
      return retryOrFail(status, `receiver answered ${status}`);
    } catch (error) {
      // An address the policy forbids or a malformed URL will not get better by retrying.
      if (error instanceof ForbiddenAddressError || error instanceof InvalidUrlError) {
        return { statusCode: null, error: error.message, outcome: 'failed', retryDelayMs: 0 };
      }
      return retryOrFail(null, (error as Error).message);
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#controller.abort();
    await Promise.all(this.#running);
  }
}
