import type { TimeSpan } from '../diarize/speech-regions.js';
import { buildUtterances, labelWords } from '../diarize/utterances.js';
import { speakerRange, type TranscriptOptions } from '../domain/options.js';
import type { Utterance, Word } from '../domain/transcript.js';
import type { DiarizeStage } from './diarize-stage.js';

/**
 * Pauses between words shorter than this stay inside one speech region, as the diarizer's own
 * speech detector bridges them: turn changes mostly leave longer gaps, and word-sized regions would
 * give the speaker embeddings too little audio each.
 */
const WORD_GAP_BRIDGE_MS = 300;

/** Where the recogniser heard words: its word times, with short pauses bridged. */
export function speechFromWords(words: readonly Word[]): TimeSpan[] {
  const regions: TimeSpan[] = [];
  for (const word of words) {
    const last = regions[regions.length - 1];
    if (last && word.start - last.end < WORD_GAP_BRIDGE_MS) last.end = Math.max(last.end, word.end);
    else regions.push({ start: word.start, end: word.end });
  }
  return regions;
}

export interface DecodedWindow {
  /** The window's PCM, as the diarization process reads it. */
  pcmPath: string;
  sampleRate: number;
  /** Where the window starts in the file (audio_start_from): words are on the file's timeline. */
  startMs: number;
}

/**
 * speaker_labels: the diarizer runs on the decoded window with the recogniser's words as its speech
 * regions (far fewer errors on meetings than its energy detector), and each word takes the speaker
 * of the turn it overlaps most.
 */
export async function diarizeWords(
  words: readonly Word[],
  audio: DecodedWindow,
  options: Pick<TranscriptOptions, 'speakers_expected' | 'speaker_options'>,
  stage: DiarizeStage,
  signal?: AbortSignal,
): Promise<Word[]> {
  const { min, max } = speakerRange(options);
  const toWindow = (ms: number): number => ms - audio.startMs;
  const turns = await stage.run(
    {
      pcmPath: audio.pcmPath,
      sampleRate: audio.sampleRate,
      options: {
        speakersExpected: options.speakers_expected ?? undefined,
        minSpeakers: min,
        maxSpeakers: max,
        speech: speechFromWords(words).map((span) => ({ start: toWindow(span.start), end: toWindow(span.end) })),
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
