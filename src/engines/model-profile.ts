import { basename, isAbsolute } from 'node:path';
import type { ModelLanguages } from '../domain/languages.js';
import { findEntry, type CatalogEntry } from '../models/catalog.js';
import type { ModelStore } from '../models/model-store.js';
import type { EngineLabels } from './engine.js';
import { EMBEDDED_MODEL } from './engine-registry.js';

/** What Hark knows of a model without loading it: enough to accept or refuse a request for it. */
export interface ModelProfile {
  /** The model as `HARK_MODEL` and `HARK_MODEL_MAP` name it: `pocketsphinx`, a catalog name or a folder. */
  reference: string;
  /** What transcripts report once it ran (and while a job for it is queued). */
  labels: EngineLabels;
  languages: ModelLanguages;
  /** Whether it tags what it hears with a language (SenseVoice, multilingual Whisper): `language_detection` needs it. */
  detectsLanguage: boolean;
  /** Whether it can favour a request's terms (`word_boost`, `keyterms_prompt`): only PocketSphinx's language model can be interpolated. */
  boostsVocabulary: boolean;
  /** Why it cannot run on this machine (not installed, incomplete folder), or null when it can. */
  unavailable: string | null;
}

/** The embedded engine, as pocketsphinx-engine.ts labels it: `slam-1` is the name clients expect. */
const EMBEDDED: ModelProfile = {
  reference: EMBEDDED_MODEL,
  labels: { speechModel: 'slam-1', acousticModel: 'pocketsphinx-en-us', languageModel: 'pocketsphinx-en-us-3gram' },
  languages: ['en'],
  detectsLanguage: false,
  boostsVocabulary: true,
  unavailable: null,
};

/**
 * The profile of a model reference. Whether it is installed is looked up on disk each time, so a model
 * pulled or removed while Hark runs is seen at once. Throws only for a catalog name no catalog knows
 * (a configuration error, caught at start).
 */
export function profileOf(reference: string, models: ModelStore): ModelProfile {
  if (reference === EMBEDDED_MODEL) return EMBEDDED;
  try {
    return sherpaProfile(reference, models.resolve(reference).entry, null);
  } catch (error) {
    const why = (error as Error).message;
    // A catalog name keeps what the catalog says of it; findEntry rethrows for a name it does not know.
    if (!isAbsolute(reference)) return sherpaProfile(reference, findEntry(models.catalog, reference), why);
    const name = basename(reference);
    return { reference, labels: { speechModel: name, acousticModel: name, languageModel: name }, languages: [], detectsLanguage: false, boostsVocabulary: false, unavailable: why };
  }
}

/** sherpa-onnx models are end-to-end networks: acoustic and language model are the model itself (as sherpa-onnx-engine.ts reports). */
function sherpaProfile(reference: string, entry: CatalogEntry, unavailable: string | null): ModelProfile {
  const languages: ModelLanguages = entry.languages.includes('multilingual') ? 'any' : entry.languages;
  const multilingual = languages === 'any' || languages.length > 1;
  return {
    reference,
    labels: { speechModel: entry.name, acousticModel: entry.name, languageModel: entry.name },
    languages,
    // Only these families put a language tag in sherpa-onnx's result.
    detectsLanguage: multilingual && (entry.family === 'sense-voice' || entry.family === 'whisper'),
    boostsVocabulary: false,
    unavailable,
  };
}
