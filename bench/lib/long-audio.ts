import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A WAV of about `seconds`, made by repeating `sources` end to end (16 kHz mono, as the longform items). */
export function buildLongAudio(sources: readonly string[], seconds: number, scratchDir: string, name: string): string {
  const list = join(scratchDir, `${name}.txt`);
  const lines: string[] = [];
  for (let i = 0; lines.length < 10_000 && i < 1_000; i++) for (const source of sources) lines.push(`file '${source.replace(/'/g, "'\\''")}'`);
  writeFileSync(list, `${lines.join('\n')}\n`);
  const output = join(scratchDir, `${name}.wav`);
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-t', String(seconds), '-ac', '1', '-ar', '16000', output]);
  return output;
}
