import type { DiarizeOptions, SpeakerTurn } from '../diarize/diarize.js';
import { StageWorker } from './stage-worker.js';

/** One diarization, as it crosses to the diarization process: the audio goes by file, not by message. */
export interface DiarizeTask {
  /** Raw 16-bit little-endian mono PCM of the decoded window. */
  pcmPath: string;
  sampleRate: number;
  /** Count constraints and speech regions (ms on the window's timeline); the embedder stays the default. */
  options: Omit<DiarizeOptions, 'embedder'>;
}

/** Who spoke when in a decoded window (src/diarize), off the event loop. */
export interface DiarizeStage {
  run(task: DiarizeTask, signal?: AbortSignal): Promise<SpeakerTurn[]>;
}

/**
 * The diarizer in its own process: about 0.5 s of CPU per minute of audio, which would stall the
 * HTTP API for minutes on a long file if it ran on the main thread, and Silero's speech detection in
 * it is native code (ONNX Runtime), which must not be able to take the server down. The process
 * starts with the first job that asks for speaker labels (45 MB that most jobs never need).
 */
export class DiarizeStagePool implements DiarizeStage {
  readonly #worker = new StageWorker<DiarizeTask, SpeakerTurn[]>(
    new URL('./diarize-stage-child.js', import.meta.url),
    { code: 'DIARIZATION_FAILED', message: 'Speaker labelling failed' },
    { isolation: 'process', startOnFirstTask: true },
  );

  run(task: DiarizeTask, signal?: AbortSignal): Promise<SpeakerTurn[]> {
    return this.#worker.run(task, signal);
  }

  close(): Promise<void> {
    return this.#worker.close();
  }
}
