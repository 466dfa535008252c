import type { ModelStore } from '../models/model-store.js';
import type { EngineLabels } from './engine.js';
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
  /** Labels of installed models by API model name: transcript reads need them without a disk lookup. */
  readonly #labels = new Map<string | null, EngineLabels>();

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

  /**
   * What a transcript reports for an API model name. Every poll asks, so an installed model's labels
   * are kept; a model not installed yet is looked up again (its labels may change once it is).
   */
  labelsFor(apiModel: string | null): EngineLabels {
    const known = this.#labels.get(apiModel);
    if (known !== undefined) return known;
    const profile = this.profileFor(apiModel);
    if (profile.unavailable === null) this.#labels.set(apiModel, profile.labels);
    return profile.labels;
  }

  /** Mapped models that cannot run now (for a warning at start). */
  unavailable(): string[] {
    return [...this.#map]
      .map(([name, reference]) => [name, profileOf(reference, this.#models).unavailable] as const)
      .filter(([, why]) => why !== null)
      .map(([name, why]) => `${name}: ${why}`);
  }
}
