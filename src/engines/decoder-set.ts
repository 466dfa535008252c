import type { EngineWord } from './engine.js';
import type { SegmentContext, SegmentDecoder } from './speech-gated-decoder.js';

/**
 * Several loaded decoders in one recognizer process, each decoding one segment at a time on a worker
 * thread: N segments in parallel for one copy of Node, ONNX Runtime and the speech detector, rather
 * than N processes with a copy each. The parent never sends more segments at once than there are
 * decoders.
 */
export class DecoderSet implements SegmentDecoder {
  readonly #idle: SegmentDecoder[];

  constructor(count: number, load: () => SegmentDecoder) {
    this.#idle = Array.from({ length: Math.max(1, count) }, load);
  }

  async recognize(samples: Int16Array, context?: SegmentContext): Promise<EngineWord[]> {
    const decoder = this.#idle.pop();
    if (decoder === undefined) throw new Error('more segments in flight than decoders loaded');
    try {
      return await decoder.recognize(samples, context);
    } finally {
      this.#idle.push(decoder);
    }
  }
}
