import { HarkError } from '../domain/errors.js';
import { runProcess } from '../lib/run-process.js';

export interface AudioInfo {
  /** Null when the container does not state it (some streamed formats); measured while decoding then. */
  durationSeconds: number | null;
  channels: number;
  sampleRate: number;
}

interface FfprobeOutput {
  streams?: { codec_type?: string; channels?: number; sample_rate?: string; duration?: string }[];
  format?: { duration?: string };
}

/** Reads the audio stream's properties with ffprobe; a file without one fails as AUDIO_NOT_AUDIO. */
export async function probeAudio(path: string, signal?: AbortSignal): Promise<AudioInfo> {
  let probe: FfprobeOutput;
  try {
    const { stdout } = await runProcess(
      'ffprobe',
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
      signal,
    );
    probe = JSON.parse(stdout) as FfprobeOutput;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw await notAudio(path, signal, error);
  }
  const audio = probe.streams?.find((stream) => stream.codec_type === 'audio');
  if (audio === undefined) throw await notAudio(path, signal);
  const duration = Number(audio.duration ?? probe.format?.duration ?? NaN);
  return {
    durationSeconds: Number.isFinite(duration) ? duration : null,
    channels: audio.channels ?? 1,
    sampleRate: Number(audio.sample_rate ?? 0),
  };
}

/** AssemblyAI's wording, with the file type filled in by `file(1)` as theirs is. */
async function notAudio(path: string, signal?: AbortSignal, cause?: unknown): Promise<HarkError> {
  let type = 'unknown';
  try {
    const mime = (await runProcess('file', ['-b', '--mime-type', path], signal)).stdout.trim();
    const description = (await runProcess('file', ['-b', path], signal)).stdout.trim();
    type = `${mime} (${description})`;
  } catch {
    // `file` missing or failing only costs the detail in the message.
  }
  return new HarkError('AUDIO_NOT_AUDIO', `File does not appear to contain audio. File type is ${type}.`, { cause });
}
