/**
 * Model names each API surface accepts. Each runs on the model `HARK_MODEL_MAP` routes it to, or on
 * `HARK_MODEL`; the transcript's `speech_model` reports what actually ran.
 */
export const AIMLAPI_MODELS: readonly string[] = ['aai/slam-1', 'slam-1'];

/** AssemblyAI `speech_model` / `speech_models` values. */
export const ASSEMBLYAI_SPEECH_MODELS: readonly string[] = ['slam-1', 'best', 'nano', 'universal', 'universal-2', 'universal-3-pro'];

/** OpenAI transcription models. */
export const OPENAI_MODELS: readonly string[] = [
  'whisper-1',
  'gpt-4o-transcribe',
  'gpt-4o-mini-transcribe',
  'gpt-4o-mini-transcribe-2025-12-15',
];

/** Every name `HARK_MODEL_MAP` can route: one name space over the three surfaces (`slam-1` is both AI/ML API's and AssemblyAI's). */
export const API_MODEL_NAMES: readonly string[] = [...new Set([...AIMLAPI_MODELS, ...ASSEMBLYAI_SPEECH_MODELS, ...OPENAI_MODELS])];
