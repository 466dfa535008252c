import type { RecognitionEngine } from './engine.js';
import { createEngine, type EngineDeps } from './engine-registry.js';

/**
 * The engines jobs run on: one recognizer process (with its pool of decoders) per model actually used,
 * started by the first job that needs it and kept for the next ones. A model no job asks for costs
 * nothing.
 */
export class EngineSet {
  readonly #deps: EngineDeps;
  readonly #engines = new Map<string, RecognitionEngine>();

  constructor(deps: EngineDeps) {
    this.#deps = deps;
  }

  /** The engine of a model reference (`pocketsphinx`, a catalog name, a folder), started on first use. */
  get(reference: string): RecognitionEngine {
    let engine = this.#engines.get(reference);
    if (engine === undefined) {
      engine = createEngine(reference, this.#deps);
      this.#engines.set(reference, engine);
    }
    return engine;
  }

  /** The references of the engines started so far, in order. */
  get started(): string[] {
    return [...this.#engines.keys()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.#engines.values()].map((engine) => engine.close()));
    this.#engines.clear();
  }
}
