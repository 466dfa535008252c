import type { ModelStore } from '../models/model-store.js';
import { profileOf, type ModelProfile } from './model-profile.js';

/**
 * Routes API model names (`slam-1`, `nano`, `whisper-1`, …) to models: `HARK_MODEL_MAP` where it names
 * one, `HARK_MODEL` otherwise. Built at start, where it refuses a default model that cannot run and
 * model names no catalog knows; a mapped model that is merely not installed is refused per request.
 */
export class ModelRouter {
  readonly #defaultModel: string;
  readonly #map: ReadonlyMap<string, string>;
  readonly #models: ModelStore;

  constructor(defaultModel: string, map: ReadonlyMap<string, string>, models: ModelStore) {
    this.#defaultModel = defaultModel;
    this.#map = map;
    this.#models = models;
    const fallback = profileOf(defaultModel, models);
    if (fallback.unavailable !== null) throw new Error(fallback.unavailable);
    for (const [name, reference] of map) {
      try {
        profileOf(reference, models);
      } catch (error) {
        throw new Error(`HARK_MODEL_MAP: ${name}=${reference}: ${(error as Error).message}`);
      }
    }
  }

  /** The model an API model name runs on; null (no name given) runs on the default. */
  #referenceOf(apiModel: string | null): string {
    return (apiModel === null ? undefined : this.#map.get(apiModel)) ?? this.#defaultModel;
  }

  profileFor(apiModel: string | null): ModelProfile {
    return profileOf(this.#referenceOf(apiModel), this.#models);
  }

  /** Mapped models that cannot run now (for a warning at start). */
  unavailable(): string[] {
    return [...this.#map]
      .map(([name, reference]) => [name, profileOf(reference, this.#models).unavailable] as const)
      .filter(([, why]) => why !== null)
      .map(([name, why]) => `${name}: ${why}`);
  }
}
