/**
 * Cuts a stream of 16-bit mono samples into utterance-sized segments at pauses, so that recognition
 * works on bounded pieces (flat memory, parallel decoding) and never cuts through a word when a
 * pause is near. Silence is judged per 10 ms frame against an adaptive noise floor.
 */

export interface AudioSegment {
  /** Position of the first sample in the whole stream. */
  offsetSamples: number;
  samples: Int16Array;
}

export interface SegmenterOptions {
  sampleRate: number;
  /** A pause only ends a segment that is at least this long. */
  minSegmentMs: number;
  /** Segments never grow past this; without a pause they are cut at the quietest recent frame. */
  maxSegmentMs: number;
  /** Length of a pause that ends a segment. */
  minSilenceMs: number;
  /**
   * The stream's length, when known, and how many decoders recognise its segments at once: a long
   * stream's last stretch is then cut shorter, so that the decoders finish together (see #limits).
   */
  streamEnd?: { samples: number; decoders: number };
}

export const DEFAULT_SEGMENTER_OPTIONS: Omit<SegmenterOptions, 'sampleRate'> = {
  minSegmentMs: 2_000,
  maxSegmentMs: 25_000,
  minSilenceMs: 300,
};

/** A frame this far above the noise floor counts as sound. */
const SPEECH_MARGIN_DB = 12;
/** Frames quieter than this are silence whatever the floor (dithered digital silence sits near -90). */
const ABSOLUTE_SILENCE_DB = -60;
/** How fast the floor estimate creeps up when the background gets louder (dB per frame). */
const FLOOR_RISE_DB_PER_FRAME = 0.02;
/** The shortest segment the end of a long stream is cut into (see #limits). */
const SHORTEST_TAIL_SEGMENT_MS = 5_000;

export class SilenceSegmenter {
  readonly #frameSamples: number;
  readonly #minSegmentFrames: number;
  readonly #maxSegmentFrames: number;
  readonly #minSilenceFrames: number;
  readonly #tail: { startFrame: number; endFrame: number; decoders: number; shortestFrames: number } | null;

  /** Samples of the segment being built, in whole frames. */
  #buffer: Int16Array;
  #bufferFrames = 0;
  #frameDb: number[] = [];
  #segmentStart = 0;
  #silenceRun = 0;
  #noiseFloorDb: number | null = null;
  /** Samples that did not make a whole frame yet. */
  #carry = new Int16Array(0);

  constructor(options: SegmenterOptions) {
    this.#frameSamples = Math.round(options.sampleRate / 100);
    this.#minSegmentFrames = Math.round(options.minSegmentMs / 10);
    this.#maxSegmentFrames = Math.round(options.maxSegmentMs / 10);
    this.#minSilenceFrames = Math.max(1, Math.round(options.minSilenceMs / 10));
    this.#tail = null;
    if (options.streamEnd) {
      const { samples, decoders } = options.streamEnd;
      const endFrame = Math.ceil(samples / this.#frameSamples);
      const tailFrames = decoders * this.#maxSegmentFrames;
      // Only where the tail's segments come well after the first ones, which start a recording's
      // speaker adaptation and need all the speech they can get.
      if (endFrame >= (2 * decoders + 1) * this.#maxSegmentFrames) {
        this.#tail = { startFrame: endFrame - tailFrames, endFrame, decoders, shortestFrames: Math.round(SHORTEST_TAIL_SEGMENT_MS / 10) };
      }
    }
    this.#buffer = new Int16Array(this.#maxSegmentFrames * this.#frameSamples);
  }

  /** Feeds 16-bit samples; returns the segments completed by them. */
  push(samples: Int16Array): AudioSegment[] {
    const frame = this.#frameSamples;
    let data = samples;
    if (this.#carry.length > 0) {
      data = new Int16Array(this.#carry.length + samples.length);
      data.set(this.#carry);
      data.set(samples, this.#carry.length);
    }
    const whole = Math.floor(data.length / frame);
    const out: AudioSegment[] = [];
    for (let i = 0; i < whole; i++) this.#addFrame(data.subarray(i * frame, (i + 1) * frame), out);
    this.#carry = data.slice(whole * frame);
    return out;
  }

  /**
   * Flushes what is left at the end of the stream. A last partial frame is padded with silence, so
   * the final segment may run up to 10 ms past the end of the audio.
   */
  finish(): AudioSegment[] {
    const out: AudioSegment[] = [];
    if (this.#carry.length > 0) {
      const frame = new Int16Array(this.#frameSamples);
      frame.set(this.#carry);
      this.#addFrame(frame, out);
    }
    this.#carry = new Int16Array(0);
    this.#emit(this.#bufferFrames, out);
    return out;
  }

  #addFrame(frame: Int16Array, out: AudioSegment[]): void {
    let sum = 0;
    for (const sample of frame) sum += sample * sample;
    const db = 10 * Math.log10(sum / frame.length / (32768 * 32768) + 1e-10);
    this.#noiseFloorDb =
      this.#noiseFloorDb === null || db < this.#noiseFloorDb ? db : this.#noiseFloorDb + FLOOR_RISE_DB_PER_FRAME;
    const isSound = db > ABSOLUTE_SILENCE_DB && db > this.#noiseFloorDb + SPEECH_MARGIN_DB;

    this.#buffer.set(frame, this.#bufferFrames * this.#frameSamples);
    this.#frameDb.push(db);
    this.#bufferFrames++;
    this.#silenceRun = isSound ? 0 : this.#silenceRun + 1;

    const spokenFrames = this.#bufferFrames - this.#silenceRun;
    const { minFrames, maxFrames } = this.#limits();
    if (this.#silenceRun >= this.#minSilenceFrames && spokenFrames >= minFrames) {
      // Cut in the middle of the pause, so both sides keep some silence around their words.
      this.#emit(this.#bufferFrames - Math.floor(this.#silenceRun / 2), out);
    } else if (this.#bufferFrames >= maxFrames) {
      this.#emit(this.#quietestCut(), out);
    }
  }

  /**
   * The segment lengths for the segment being built. In the last `decoders` × the longest segment of
   * a long stream, each segment is at most a (decoders + 1)th of what is left, and no shorter than
   * SHORTEST_TAIL_SEGMENT_MS: segments go out to the decoders in order, so the last ones decide when
   * the stream is done, and with full-length ones there one decoder recognised the last segment on
   * its own while the others had nothing left to do.
   */
  #limits(): { minFrames: number; maxFrames: number } {
    const startFrame = this.#segmentStart / this.#frameSamples;
    if (this.#tail === null || startFrame < this.#tail.startFrame) {
      return { minFrames: this.#minSegmentFrames, maxFrames: this.#maxSegmentFrames };
    }
    const { endFrame, decoders, shortestFrames } = this.#tail;
    const maxFrames = Math.min(this.#maxSegmentFrames, Math.max(shortestFrames, Math.ceil((endFrame - startFrame) / (decoders + 1))));
    return { minFrames: Math.min(this.#minSegmentFrames, maxFrames), maxFrames };
  }

  /** The quietest frame in the last third of the buffer: the least harmful place for a forced cut. */
  #quietestCut(): number {
    const from = Math.floor(this.#bufferFrames * (2 / 3));
    let best = this.#bufferFrames - 1;
    for (let f = from; f < this.#bufferFrames; f++) {
      if ((this.#frameDb[f] as number) < (this.#frameDb[best] as number)) best = f;
    }
    return Math.max(1, best);
  }

  /**
   * Emits the first `frames` frames as a segment and keeps the rest. Only digital silence is dropped:
   * the relative threshold above places cuts, but in loud noise it can miss quiet speech, so it never
   * decides what is recognised.
   */
  #emit(frames: number, out: AudioSegment[]): void {
    if (frames <= 0) return;
    const sampleCount = frames * this.#frameSamples;
    if (this.#frameDb.slice(0, frames).some((db) => db > ABSOLUTE_SILENCE_DB)) {
      out.push({ offsetSamples: this.#segmentStart, samples: this.#buffer.slice(0, sampleCount) });
    }
    const remaining = this.#bufferFrames - frames;
    this.#buffer.copyWithin(0, frames * this.#frameSamples, this.#bufferFrames * this.#frameSamples);
    this.#frameDb = this.#frameDb.slice(frames);
    this.#segmentStart += sampleCount;
    this.#bufferFrames = remaining;
    this.#silenceRun = Math.min(this.#silenceRun, remaining);
  }
}
