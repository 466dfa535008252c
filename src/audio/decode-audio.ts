import { spawn } from 'node:child_process';
import { HarkError } from '../domain/errors.js';

export interface DecodeWindow {
  /** Start of the decoded window in ms from the start of the file. */
  startMs: number;
  /** End of the window in ms, or null for the end of the file. */
  endMs: number | null;
}

/**
 * Arguments that make ffmpeg write `window` of `path` as raw 16-bit mono PCM at `sampleRate` on
 * stdout: all channels mixed down, or only `channel` (0-based) for multichannel transcription.
 */
export function ffmpegDecodeArgs(path: string, sampleRate: number, window: DecodeWindow, channel: number | null): string[] {
  const args = ['-nostdin', '-hide_banner', '-v', 'error'];
  // -ss before -i seeks in the input (fast, and sample-accurate for audio in current ffmpeg).
  if (window.startMs > 0) args.push('-ss', (window.startMs / 1000).toFixed(3));
  args.push('-i', path, '-map', '0:a:0', '-vn', '-sn', '-dn');
  if (window.endMs !== null) args.push('-t', ((window.endMs - window.startMs) / 1000).toFixed(3));
  args.push(...(channel === null ? ['-ac', '1'] : ['-af', `pan=mono|c0=c${channel}`]));
  args.push('-ar', String(sampleRate), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1');
  return args;
}

/**
 * Streams the decoded PCM of `path` as it is produced, so a long file never sits in memory whole.
 * ffmpeg reads the file by path: MP4/M4A keep their index at the end and cannot be read from a pipe.
 */
export async function* decodeAudio(
  path: string,
  sampleRate: number,
  window: DecodeWindow,
  channel: number | null,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const child = spawn('ffmpeg', ffmpegDecodeArgs(path, sampleRate, window, channel), {
    stdio: ['ignore', 'pipe', 'pipe'],
    signal,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await exited;
    if (code !== 0) {
      throw new HarkError('AUDIO_DECODE_FAILED', `Audio decoding failed: ${stderr.trim() || `ffmpeg exited with ${code}`}`);
    }
  } finally {
    // Stop ffmpeg if the consumer gave up early (error, abort).
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
