import type { Word } from '../domain/transcript.js';
import { groupOf, sentencesOf, splitRuns, type WordGroup } from './sentences.js';

export type SubtitleFormat = 'srt' | 'vtt';

/** Caption length when the client does not set `chars_per_caption`: two short subtitle lines. */
const DEFAULT_CHARS_PER_CAPTION = 80;
/** Captions longer than this are hard to read along with. */
const MAX_CAPTION_MS = 7_000;
/** A pause this long clears the screen. */
const CAPTION_GAP_MS = 1_500;

/**
 * Cuts the transcript into captions: each stays within a sentence, holds at most `charsPerCaption`
 * characters (a single longer word gets a caption of its own) and lasts at most 7 s.
 */
export function captionsOf(words: readonly Word[], charsPerCaption = DEFAULT_CHARS_PER_CAPTION): WordGroup[] {
  return sentencesOf(words).flatMap((sentence) =>
    splitRuns(sentence.words, (previous, word, run) => {
      const length = run.reduce((sum, item) => sum + item.text.length + 1, 0) + word.text.length;
      return length > charsPerCaption || word.end - (run[0] as Word).start > MAX_CAPTION_MS || word.start - previous.end >= CAPTION_GAP_MS;
    }).map(groupOf),
  );
}

function timestamp(ms: number, format: SubtitleFormat): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  const millis = ms % 1000;
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  if (format === 'srt') return `${pad(hours)}:${pad(minutes)}:${pad(seconds)},${pad(millis, 3)}`;
  // WebVTT allows leaving the hours out; AssemblyAI does so under an hour.
  return `${hours > 0 ? `${pad(hours)}:` : ''}${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}`;
}

/** SubRip or WebVTT text for the transcript's words. */
export function renderSubtitles(words: readonly Word[], format: SubtitleFormat, charsPerCaption?: number): string {
  const cues = captionsOf(words, charsPerCaption).map((caption, index) => {
    const timing = `${timestamp(caption.start, format)} --> ${timestamp(Math.max(caption.end, caption.start + 1), format)}`;
    return format === 'srt' ? `${index + 1}\n${timing}\n${caption.text}` : `${timing}\n${caption.text}`;
  });
  if (format === 'vtt') return `WEBVTT\n\n${cues.map((cue) => `${cue}\n`).join('\n')}`;
  return cues.map((cue) => `${cue}\n`).join('\n');
}
