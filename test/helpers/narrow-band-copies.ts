import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/** Writes a narrow-band copy of the recording at `input` (any format ffmpeg reads) to `output`, a WAV file. */
export type MakeNarrowBandCopy = (input: string, output: string) => void;

function ffmpegMono(input: string, output: string, args: string[]): void {
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', input, '-ac', '1', ...args, output]);
}

/** The kinds of narrow-band audio the service meets, made from wide-band recordings. */
export const NARROW_BAND_COPIES: Record<'gentleTelephone' | 'sharpTelephone' | 'pcm8k', MakeNarrowBandCopy> = {
  /** A telephone line (300–3400 Hz, 8 kHz μ-law) through ffmpeg's gentle two-pole filters, which leave some sound up to 4 kHz. */
  gentleTelephone: (input, output) => ffmpegMono(input, output, ['-af', 'highpass=f=300,lowpass=f=3400', '-ar', '8000', '-acodec', 'pcm_mulaw']),
  /**
   * The same with a telephone channel's sharp band edges (a G.712 filter), through sox's linear-phase
   * sinc and its default dither (-R seeds the dither the same every run; -V1: clipped samples, which a loud voice gives now and then, are not worth a warning). Needs sox.
   */
  sharpTelephone: (input, output) => {
    const wav = `${output}.source.wav`;
    try {
      ffmpegMono(input, wav, []);
      execFileSync('sox', ['-R', '-V1', wav, '-r', '8000', '-e', 'mu-law', output, 'sinc', '300-3400']);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).path === 'sox') throw new Error('sox not found: apt-get install sox');
      throw error;
    } finally {
      rmSync(wav, { force: true });
    }
  },
  /** Plain 8 kHz PCM. */
  pcm8k: (input, output) => ffmpegMono(input, output, ['-ar', '8000', '-acodec', 'pcm_s16le']),
};
