import { bridgePauses } from '../diarize/speech-regions.js';
import { buildUtterances, labelWords } from '../diarize/utterances.js';
import { speakerRange, type TranscriptOptions } from '../domain/options.js';
import type { Utterance, Word } from '../domain/transcript.js';
import type { Recognition } from '../engines/engine.js';
import type { DiarizeStage } from './diarize-stage.js';

export interface DecodedWindow {
  /** The window's PCM, as the diarization process reads it. */
  pcmPath: string;
  sampleRate: number;
  /** Where the window starts in the file (audio_start_from): words are on the file's timeline. */
  startMs: number;
  /** Where the recogniser's speech gate heard speech, on the window's timeline; null: ungated. */
  speech: Recognition['speech'];
}

/**
 * speaker_labels: the diarizer runs on the decoded window over the speech Silero VAD found in it,
 * and each word takes the speaker of the turn it overlaps most. The recogniser's gate already ran
 * Silero over every piece, so its stretches are reused (Silero was about a third of the diarizer's
 * time); with the gate off the diarizer runs Silero itself. The recogniser's word times are not its
 * speech regions: they miss speech it did not transcribe (33 % of AMI dev00's speech against
 * Silero's 25 %, 13 % of the espeak dialogue against 0 %), and on Silero's regions the diarizer's
 * DER was lower on four of the five two-speaker eval items (the stereo clip the exception).
 */
export async function diarizeWords(
  words: readonly Word[],
  audio: DecodedWindow,
  options: Pick<TranscriptOptions, 'speakers_expected' | 'speaker_options'>,
  stage: DiarizeStage,
  signal?: AbortSignal,
): Promise<Word[]> {
  const { min, max } = speakerRange(options);
  const turns = await stage.run(
    {
      pcmPath: audio.pcmPath,
      sampleRate: audio.sampleRate,
      options: {
        speakersExpected: options.speakers_expected ?? undefined,
        minSpeakers: min,
        maxSpeakers: max,
        // Bridged as the diarizer bridges the speech it finds itself.
        ...(audio.speech === null ? {} : { speech: bridgePauses(audio.speech.map((span) => ({ start: span.startMs, end: span.endMs }))) }),
      },
    },
    signal,
  );
  return labelWords(words, turns.map((turn) => ({ ...turn, start: turn.start + audio.startMs, end: turn.end + audio.startMs })));
}

/**
 * The words of every channel in one transcript, in time order; `perChannel[c]` holds channel c's
 * words. Speakers are named as AssemblyAI names them: the channel ("1", "2", …), followed by the
 * diarizer's letter within the channel when speaker_labels is on too ("1A", "1B", "2A").
 */
export function mergeChannels(perChannel: readonly (readonly Word[])[]): Word[] {
  return perChannel
    .flatMap((words, channel) => words.map((word) => ({ ...word, speaker: `${channel + 1}${word.speaker ?? ''}` })))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The channel a multichannel speaker label names: its leading digits. */
const channelOf = (speaker: string | null): string | undefined => (speaker === null ? undefined : /^\d+/.exec(speaker)?.[0]);

/**
 * AssemblyAI's utterances over words that carry speakers. In multichannel transcripts words and
 * utterances also say their `channel`, read from the speaker label (the text stage rebuilds words it
 * merges, so a field of their own would not survive it).
 */
export function speakerOutput(words: readonly Word[], byChannel: boolean): { words: Word[]; utterances: Utterance[] } {
  if (!byChannel) return { words: [...words], utterances: buildUtterances(words) };
  const labelled = words.map((word) => ({ ...word, channel: channelOf(word.speaker) }));
  return { words: labelled, utterances: buildUtterances(labelled).map((u) => ({ ...u, channel: channelOf(u.speaker) })) };
}
