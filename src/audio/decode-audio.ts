import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { HarkError } from '../domain/errors.js';

export interface DecodeWindow {
  /** Start of the decoded window in ms from the start of the file. */
  startMs: number;
  /** End of the window in ms, or null for the end of the file. */
  endMs: number | null;
}

/**
 * Arguments that make ffmpeg write `window` of `path` as raw 16-bit mono PCM at `sampleRate` to the
 * file `output`: all channels mixed down, or only `channel` (0-based) for multichannel transcription.
 */
export function ffmpegDecodeArgs(path: string, sampleRate: number, window: DecodeWindow, channel: number | null, output: string): string[] {
  const args = ['-nostdin', '-hide_banner', '-v', 'error', '-y'];
  // -ss before -i seeks in the input (fast, and sample-accurate for audio in current ffmpeg).
  if (window.startMs > 0) args.push('-ss', (window.startMs / 1000).toFixed(3));
  args.push('-i', path, '-map', '0:a:0', '-vn', '-sn', '-dn');
  if (window.endMs !== null) args.push('-t', ((window.endMs - window.startMs) / 1000).toFixed(3));
  args.push(...(channel === null ? ['-ac', '1'] : ['-af', `pan=mono|c0=c${channel}`]));
  args.push('-ar', String(sampleRate), '-f', 's16le', '-acodec', 'pcm_s16le', output);
  return args;
}

/**
 * Decodes `window` of `path` into the raw PCM file `output` and resolves when ffmpeg is done.
 * The whole window is decoded before recognition starts: ffmpeg runs at hundreds of times real time
 * (seconds for an hour) and then exits, where a pipe would keep it — 50 MB — waiting on the
 * recognizer for the job's whole length. The file then feeds the recognizer (`readPcmFile`) and the
 * diarizer without holding the audio in memory. ffmpeg reads by path: MP4/M4A keep their index at
 * the end and cannot be read from a pipe.
 */
export async function decodeToPcmFile(
  path: string,
  sampleRate: number,
  window: DecodeWindow,
  channel: number | null,
  output: string,
  signal?: AbortSignal,
): Promise<void> {
  const child = spawn('ffmpeg', ffmpegDecodeArgs(path, sampleRate, window, channel, output), {
    stdio: ['ignore', 'ignore', 'pipe'],
    signal,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => resolve(exitCode));
  });
  // A failed write of the output (a full disk) is reported naming the file, and with exit code 0
  // when it only fails at the end: without this check the job would go on with part of its audio.
  if (stderr.includes(output)) {
    throw new HarkError('DISK_FULL', `Could not write the decoded audio to the scratch folder: ${stderr.trim()}`);
  }
  if (code !== 0) {
    throw new HarkError('AUDIO_DECODE_FAILED', `Audio decoding failed: ${stderr.trim() || `ffmpeg exited with ${code}`}`);
  }
}

/** Samples read per block: 2 s at 16 kHz. */
const BLOCK_SAMPLES = 32_768;

/**
 * The samples of a raw 16-bit PCM file, block by block as the consumer asks for them, so a long file
 * never sits in memory whole. The bytes are read straight into an Int16Array: s16le is the byte
 * order of every platform Node runs Hark on (x86-64, arm64).
 */
export async function* readPcmFile(path: string): AsyncGenerator<Int16Array> {
  const file = await open(path, 'r');
  try {
    for (;;) {
      const samples = new Int16Array(BLOCK_SAMPLES);
      const { bytesRead } = await file.read(new Uint8Array(samples.buffer), 0, samples.byteLength);
      // ffmpeg writes whole samples; a read comes back short only at the end of the file.
      if (bytesRead >= 2) yield samples.subarray(0, bytesRead >> 1);
      if (bytesRead < samples.byteLength) return;
    }
  } finally {
    await file.close();
  }
}
