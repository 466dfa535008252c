/**
 * The speaker-embedding step: one vector per analysis window, compared by cosine similarity after
 * normalisation. This is the seam where a neural speaker model can replace the signal statistics
 * below; the rest of the diarizer only needs vectors that lie closer for the same voice.
 */
import { FRAME_MS } from './features.js';
import type { TimeSpan } from './speech-regions.js';

/** What an embedder may look at: the audio itself and the frame features the diarizer already computed. */
export interface EmbeddingInput {
  samples: Int16Array;
  sampleRate: number;
  /** Normalised cepstra, frames × dim, frame i starting at i·FRAME_MS. */
  frames: Float32Array;
  dim: number;
}

export interface SpeakerEmbedder {
  embed(input: EmbeddingInput, windows: readonly TimeSpan[]): Float64Array[];
}

/**
 * Mean and standard deviation of each cepstral coefficient over the window. Means carry the vocal
 * tract and channel (they separated the meeting talkers best); deviations carry how far the voice
 * moves (they separated two voices of one synthesiser that share a spectrum): both are kept, and
 * the normalisation step decides their weight per file.
 */
export const cepstralStatistics: SpeakerEmbedder = {
  embed({ frames, dim }, windows) {
    const frameCount = frames.length / dim;
    return windows.map((window) => {
      const from = Math.min(frameCount, Math.floor(window.start / FRAME_MS));
      const to = Math.min(frameCount, Math.max(from + 1, Math.floor(window.end / FRAME_MS)));
      const n = Math.max(1, to - from);
      const out = new Float64Array(2 * dim);
      for (let f = from; f < to; f++) {
        for (let i = 0; i < dim; i++) out[i] = (out[i] as number) + (frames[f * dim + i] as number) / n;
      }
      for (let f = from; f < to; f++) {
        for (let i = 0; i < dim; i++) {
          out[dim + i] = (out[dim + i] as number) + ((frames[f * dim + i] as number) - (out[i] as number)) ** 2 / n;
        }
      }
      for (let i = 0; i < dim; i++) out[dim + i] = Math.sqrt(out[dim + i] as number);
      return out;
    });
  },
};
