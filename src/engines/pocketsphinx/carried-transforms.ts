import type { PiecePosition } from '../engine.js';

/** Recordings whose speaker transforms are kept: more than a server decodes at once. */
const REMEMBERED_RECORDINGS = 16;

/**
 * The speaker transforms each recording's pieces left, by piece index, shared by a recognizer
 * process's decoders (any of them may get a recording's next piece). A piece starts from the
 * transform of the latest settled piece that left one (see PiecePosition): pieces still in flight
 * finish in whatever order the decoders happen to, and taking theirs made the words of a long file
 * differ from run to run. A transform is 13 × 14 numbers, so a recording's are kept whole.
 */
export class CarriedTransforms {
  readonly #byRecording = new Map<string, Map<number, Float64Array>>();

  /** The transform `piece` starts from, or null when no settled piece of the recording left one. */
  startOf(recording: string, piece: PiecePosition): Float64Array | null {
    let latest = -1;
    let transform: Float64Array | null = null;
    for (const [index, left] of this.#byRecording.get(recording) ?? []) {
      if (index <= piece.settledThrough && index > latest) {
        latest = index;
        transform = left;
      }
    }
    return transform;
  }

  /** Keeps the transform `piece` left, for the recording's later pieces. */
  remember(recording: string, piece: PiecePosition, transform: Float64Array): void {
    const pieces = this.#byRecording.get(recording) ?? new Map<number, Float64Array>();
    // Most recently used last, so the first key is the one to forget.
    this.#byRecording.delete(recording);
    this.#byRecording.set(recording, pieces.set(piece.index, transform));
    if (this.#byRecording.size > REMEMBERED_RECORDINGS) this.#byRecording.delete(this.#byRecording.keys().next().value as string);
  }
}
