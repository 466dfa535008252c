/**
 * Model names each API surface accepts. Every one of them runs on the configured engine; the
 * transcript's `speech_model` reports what actually ran.
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
