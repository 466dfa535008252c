import { rm, writeFile } from 'node:fs/promises';
import { runProcess } from '../lib/run-process.js';

/** A stretch of the audio in ms from its start. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** What to cover in the redacted copy. */
export interface Redactions {
  /** The redacted words' spans: beeped or silenced, as the method says. */
  pii: readonly TimeSpan[];
  /** Spans silenced whatever the method: audio that was never transcribed, so never checked for PII. */
  unchecked: readonly TimeSpan[];
}

export type RedactionMethod = 'beep' | 'silence';
export type RedactedAudioFormat = 'mp3' | 'wav';

export interface RedactionSettings {
  method: RedactionMethod;
  format: RedactedAudioFormat;
  /** The source's sample rate and channel count (from probing), so the beep matches it; 0 when unknown. */
  sampleRate: number;
  channels: number;
}

/**
 * Frames are cut this small before the mute is switched, because ffmpeg switches a filter on or
 * off per frame: 256 samples is 16 ms at 16 kHz, under 6 ms at 44.1 kHz.
 */
const FRAME_SAMPLES = 256;
const BEEP_HZ = 1000;

const CODEC_ARGS: Record<RedactedAudioFormat, string[]> = {
  mp3: ['-c:a', 'libmp3lame', '-q:a', '2'],
  wav: ['-c:a', 'pcm_s16le'],
};

/** ffmpeg's "t is inside one of the spans" expression (seconds). */
function insideSpans(spans: readonly TimeSpan[]): string {
  if (spans.length === 0) return '0';
  return spans.map((span) => `between(t,${(span.start / 1000).toFixed(3)},${(span.end / 1000).toFixed(3)})`).join('+');
}

/**
 * The filter graph: the source muted inside every span, plus (for `beep`) a 1 kHz tone that sounds
 * only inside the PII spans. The source's timestamps are reset so `t` is the time word timings count from.
 */
export function redactionFilter(redactions: Redactions, settings: RedactionSettings): string {
  const muted = `[0:a]asetpts=PTS-STARTPTS,asetnsamples=n=${FRAME_SAMPLES}:p=0,volume=volume=0:enable='${insideSpans([...redactions.pii, ...redactions.unchecked])}'`;
  if (settings.method === 'silence') return `${muted}[out]`;
  const rate = settings.sampleRate > 0 ? `:sample_rate=${settings.sampleRate}` : '';
  const tone = `sine=frequency=${BEEP_HZ}${rate}:samples_per_frame=${FRAME_SAMPLES},volume=volume=0:enable='not(${insideSpans(redactions.pii)})',aformat=channel_layouts=${Math.max(1, settings.channels)}c`;
  return `${muted}[muted];${tone}[tone];[muted][tone]amix=inputs=2:duration=first:normalize=0[out]`;
}

/**
 * Writes a copy of `input` to `output` with the redactions beeped or silenced. The filter goes to
 * ffmpeg as a script file: a long transcript's spans would not fit in one command-line argument.
 */
export async function redactAudio(
  input: string,
  output: string,
  redactions: Redactions,
  settings: RedactionSettings,
  signal?: AbortSignal,
): Promise<void> {
  const script = `${output}.filter`;
  await writeFile(script, redactionFilter(redactions, settings));
  try {
    await runProcess(
      'ffmpeg',
      ['-nostdin', '-hide_banner', '-v', 'error', '-y', '-i', input, '-filter_complex_script', script, '-map', '[out]', ...CODEC_ARGS[settings.format], output],
      signal,
    );
  } finally {
    await rm(script, { force: true });
  }
}
