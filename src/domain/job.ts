import type { TranscriptOptions } from './options.js';
import type { TranscriptResult } from './transcript.js';
import type { ErrorCode } from './errors.js';

/** The job lifecycle, in AssemblyAI's words. Each API surface maps these to its own vocabulary. */
export type JobStatus = 'queued' | 'processing' | 'completed' | 'error';

/** Whether a job has ended (`completed` or `error`): nothing about it changes any more but deletion. */
export function isTerminal(status: JobStatus): boolean {
  return status === 'completed' || status === 'error';
}

/** Where the audio of a job comes from: a remote URL fetched by the worker, or a file already on disk. */
export type AudioSource = { kind: 'url'; url: string } | { kind: 'file'; path: string };

export interface JobFailure {
  code: ErrorCode;
  message: string;
}

export interface Job {
  id: string;
  /** Identifies the API key that created the job; other keys cannot see it. */
  owner: string;
  status: JobStatus;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  source: AudioSource;
  /** The `audio_url` echoed to clients: the submitted URL, or Hark's own URL for uploads. */
  audioUrl: string;
  /**
   * The API model name the request asked for (`slam-1`, `nano`, `whisper-1`, …), or null when it named
   * none. `HARK_MODEL_MAP` routes it to an installed model when the job runs.
   */
  model: string | null;
  options: TranscriptOptions;
  result: TranscriptResult | null;
  failure: JobFailure | null;
  attempts: number;
  maxAttempts: number;
  /** Set when the owner deleted the transcript: text, words and audio are gone. */
  deletedAt: Date | null;
  /** HTTP status of the last webhook delivery attempt, if any. */
  webhookStatusCode: number | null;
}

/** How a job ended, as its notifications need it. */
export type JobOutcome = { status: 'completed'; result: TranscriptResult } | { status: 'error' };

/** What a client submits; the store assigns the rest. */
export interface NewJob {
  id: string;
  owner: string;
  source: AudioSource;
  audioUrl: string;
  model: string | null;
  options: TranscriptOptions;
  maxAttempts: number;
}
