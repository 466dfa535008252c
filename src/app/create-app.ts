import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger as PinoLogger } from 'pino';
import { AddressPolicy } from '../net/address-policy.js';
import { resolveApiKeys } from '../config/api-keys.js';
import { publicUrlFor, type Config } from '../config/config.js';
import { HarkError } from '../domain/errors.js';
import type { RecognitionEngine } from '../engines/engine.js';
import { EngineSet } from '../engines/engine-set.js';
import { ModelRouter } from '../engines/model-router.js';
import { createHttpApp } from '../http/app.js';
import { modelStoreFor } from '../models/model-store.js';
import { ApiKeyAuth } from '../http/auth.js';
import { UploadStore } from '../http/uploads.js';
import { RedactedAudioFiles } from '../audio/redacted-audio-files.js';
import { runTranscription } from '../pipeline/run-transcription.js';
import { DiarizeStagePool } from '../pipeline/diarize-stage.js';
import { TextStagePool } from '../pipeline/text-stage.js';
import type { JobStore } from '../store/job-store.js';
import { SqliteJobStore } from '../store/sqlite/sqlite-job-store.js';
import { webhooksFor } from '../webhooks/webhook-request.js';
import { WebhookSender } from '../webhooks/webhook-sender.js';
import { JobWorker } from '../worker/job-worker.js';

export interface HarkApp {
  http: FastifyInstance;
  worker: JobWorker;
  store: JobStore;
  /** The recognizer pools started so far: one per model jobs have run on. */
  engines: EngineSet;
  logger: PinoLogger;
  /** Set when this start generated the API key (first start without HARK_API_KEYS). */
  generatedApiKey: string | null;
  /** Starts the worker and listens; resolves to the base URL. */
  start(): Promise<string>;
  /** Stops taking work, hands running jobs back to the queue, and closes everything. */
  close(): Promise<void>;
}

/** The composition root: the one place that picks concrete implementations and wires them. */
export async function createApp(config: Readonly<Config>): Promise<HarkApp> {
  const logger = pino({ level: config.logLevel, base: undefined });
  mkdirSync(config.dataDir, { recursive: true });
  const scratchDir = join(config.dataDir, 'scratch');
  mkdirSync(scratchDir, { recursive: true });
  const { keys, generatedKey } = resolveApiKeys(config.apiKeys, config.dataDir);

  const models = modelStoreFor(config.dataDir, config.modelCatalog);
  // Refuses to start on a default model that is not installed, or a mapped name no catalog knows.
  const router = new ModelRouter(config.model, config.modelMap, models);
  for (const problem of router.unavailable()) logger.warn(`HARK_MODEL_MAP: ${problem}; requests for it are refused until it is installed`);
  const engines = new EngineSet({
    decoders: config.engineWorkers,
    models,
    speechThreshold: config.speechThreshold,
    speakerAdaptation: config.speakerAdaptation,
    minWordConfidence: config.minWordConfidence,
  });
  const store = new SqliteJobStore({ path: join(config.dataDir, 'hark.sqlite') });
  const addressPolicy = new AddressPolicy(config.fetchAllowedCidrs);
  const textStage = new TextStagePool();
  const diarizeStage = new DiarizeStagePool();
  const redactedAudio = new RedactedAudioFiles(join(config.dataDir, 'redacted-audio'));
  const webhooks = new WebhookSender({
    store,
    policy: addressPolicy,
    logger,
    timeoutMs: config.webhookTimeoutMs,
    retryDelayMs: config.webhookRetryMs,
    pollIntervalMs: config.pollIntervalMs,
    concurrency: 4,
  });
  const worker = new JobWorker({
    store,
    logger,
    webhooksFor: (job, outcome) => webhooksFor(job, outcome, {
      maxAttempts: config.webhookMaxAttempts,
      redactedAudioUrl: (jobId, name) => redactedAudio.urlOf(publicUrl, jobId, name),
    }),
    concurrency: config.jobConcurrency,
    leaseMs: config.jobLeaseMs,
    pollIntervalMs: config.pollIntervalMs,
    retryBaseMs: config.retryBaseMs,
    process: (job, signal) =>
      runTranscription(
        job,
        {
          engine: engineFor(job.model),
          textStage,
          diarizeStage,
          redactedAudio,
          scratchDir,
          addressPolicy,
          maxAudioSeconds: config.maxAudioSeconds,
          fetchLimits: {
            timeoutMs: config.fetchTimeoutMs,
            maxBytes: config.maxUploadBytes,
            maxRedirects: config.fetchMaxRedirects,
          },
        },
        signal,
        { onStage: (stage, ms) => logger.debug({ jobId: job.id, stage, ms: Math.round(ms) }, 'stage done') },
      ),
  });
  /** The engine a job's API model name is routed to; a model removed since the job was accepted fails it. */
  function engineFor(apiModel: string | null): RecognitionEngine {
    const profile = router.profileFor(apiModel);
    if (profile.unavailable !== null) throw new HarkError('MODEL_NOT_INSTALLED', profile.unavailable);
    if (!engines.started.includes(profile.reference)) logger.info({ model: profile.reference }, 'starting the recognizer process');
    return engines.get(profile.reference);
  }

  // A finished job may have queued a webhook: send it now rather than at the next poll.
  const wakeWebhooks = (): void => webhooks.wake();
  worker.on('job:completed', wakeWebhooks);
  worker.on('job:failed', wakeWebhooks);

  let publicUrl = config.publicUrl;
  const http = await createHttpApp({
    logger,
    store,
    auth: new ApiKeyAuth(keys),
    uploads: new UploadStore(join(config.dataDir, 'uploads'), store),
    redactedAudio,
    router,
    statusDialect: config.aimlapiStatusDialect,
    maxUploadBytes: config.maxUploadBytes,
    maxAttempts: config.jobMaxAttempts,
    syncTimeoutMs: config.syncTimeoutMs,
    publicUrl: () => publicUrl,
    onJobCreated: () => worker.wake(),
  });

  return {
    http,
    worker,
    store,
    engines,
    logger,
    generatedApiKey: generatedKey,
    async start() {
      await http.listen({ port: config.port, host: config.host });
      const address = http.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : config.port;
      publicUrl = publicUrlFor(config, port);
      worker.start();
      webhooks.start();
      return publicUrl;
    },
    async close() {
      await http.close();
      await worker.stop();
      await webhooks.stop();
      await engines.close();
      await textStage.close();
      await diarizeStage.close();
      await store.close();
    },
  };
}
