import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

/** A scratch folder for files a test makes. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'hark-fixture-'));
}

/**
 * A path in `dir` where every write fails with ENOSPC, as on a full disk: a link to /dev/full (a link,
 * so that code which removes its failed output removes the link, not the device).
 */
export function fullDisk(dir: string): string {
  const path = join(dir, 'full-disk');
  if (!existsSync(path)) symlinkSync('/dev/full', path);
  return path;
}

/**
 * Runs `work` with a tmpfs of `size` (64 KiB unless given) mounted on `dir` (created if missing): a
 * whole folder that fills up after a few writes, as a full disk does for files whose names are not
 * known in advance. Skips the test where mounting is not permitted (only root may mount); returns
 * whether `work` ran.
 */
export async function onTinyDisk(t: TestContext, dir: string, work: () => Promise<void>, size = '64k'): Promise<boolean> {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    t.skip('mounting a small tmpfs needs root');
    return false;
  }
  try {
    await work();
  } finally {
    execFileSync('umount', [dir]);
  }
  return true;
}

/** A tone of `seconds` made with ffmpeg, in any container ffmpeg writes (by extension). */
export function makeTone(path: string, seconds: number): string {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-ar', '16000', path]);
  return path;
}

/** `input` re-encoded or remuxed by ffmpeg into `path` (format from the extension), mono. */
export function convertAudio(input: string, path: string, extraArgs: string[] = []): string {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', input, ...extraArgs, path]);
  return path;
}

/**
 * A WAV whose header names a codec no decoder exists for: ffprobe sees an audio stream, ffmpeg
 * cannot decode it. The realistic shape of "the decoder failed".
 */
export function makeUndecodableWav(path: string): string {
  const data = Buffer.alloc(32_000);
  const format = Buffer.alloc(16);
  format.writeUInt16LE(0x1234, 0); // unknown codec tag
  format.writeUInt16LE(1, 2); // channels
  format.writeUInt32LE(16_000, 4); // sample rate
  format.writeUInt32LE(32_000, 8); // byte rate
  format.writeUInt16LE(2, 12); // block align
  format.writeUInt16LE(16, 14); // bits per sample
  const header = Buffer.alloc(12);
  header.write('RIFF', 0);
  header.writeUInt32LE(4 + 8 + format.length + 8 + data.length, 4);
  header.write('WAVE', 8);
  const chunk = (id: string, body: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.write(id, 0);
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body]);
  };
  writeFileSync(path, Buffer.concat([header, chunk('fmt ', format), chunk('data', data)]));
  return path;
}
