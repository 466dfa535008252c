import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { treeCpuSeconds } from './process-tree.js';

const run = promisify(execFile);

export interface StockRun {
  text: string;
  wallSeconds: number;
  cpuSeconds: number;
}

/**
 * The baseline: Debian's `pocketsphinx_continuous` with its default settings on the file converted to
 * 16 kHz mono WAV by ffmpeg — the way most people run PocketSphinx. Conversion is not timed.
 */
export async function runStockCli(path: string, scratchDir: string, id: string): Promise<StockRun> {
  const wav = join(scratchDir, `${id}.stock.wav`);
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', path, '-ac', '1', '-ar', '16000', '-acodec', 'pcm_s16le', wav]);
  const cpuBefore = treeCpuSeconds();
  const started = performance.now();
  const { stdout } = await run('pocketsphinx_continuous', ['-infile', wav, '-logfn', '/dev/null'], { maxBuffer: 1 << 28 });
  return {
    text: stdout.split('\n').join(' ').trim(),
    wallSeconds: (performance.now() - started) / 1000,
    cpuSeconds: treeCpuSeconds() - cpuBefore,
  };
}
