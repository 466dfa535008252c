import { execFileSync } from 'node:child_process';

export const PCM_RATE = 16_000;

/** Any audio ffmpeg reads (a path, or the bytes of a file), as 16 kHz mono 16-bit samples, as the engines take them. */
export function decodePcm16(input: string | Buffer): Int16Array {
  const source = typeof input === 'string' ? input : 'pipe:0';
  const bytes = execFileSync('ffmpeg', ['-v', 'error', '-i', source, '-ac', '1', '-ar', String(PCM_RATE), '-f', 's16le', 'pipe:1'], {
    input: typeof input === 'string' ? undefined : input,
    maxBuffer: 1 << 28,
  });
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

/** Any audio ffmpeg reads, as 16 kHz mono samples in -1..1. */
export function decodePcm(input: string | Buffer): Float32Array {
  return Float32Array.from(decodePcm16(input), (sample) => sample / 32768);
}

/** The samples between `startMs` and `endMs`. */
export function window(samples: Float32Array, startMs: number, endMs: number): Float32Array {
  return samples.subarray(Math.round((startMs / 1000) * PCM_RATE), Math.round((endMs / 1000) * PCM_RATE));
}

/** Root-mean-square level in dBFS (-Infinity for digital silence). */
export function rmsDb(samples: Float32Array): number {
  const power = samples.reduce((sum, sample) => sum + sample * sample, 0) / Math.max(1, samples.length);
  return 10 * Math.log10(power);
}

/** Zero crossings per second: about twice the frequency of a pure tone. */
export function zeroCrossingRate(samples: Float32Array): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if (((samples[i - 1] ?? 0) < 0) !== ((samples[i] ?? 0) < 0)) crossings++;
  return (crossings / Math.max(1, samples.length)) * PCM_RATE;
}
