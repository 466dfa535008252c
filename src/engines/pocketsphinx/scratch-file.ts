import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes `content` to a private temporary file for `read` (PocketSphinx loads from paths), then deletes it. */
export function withScratchFile<T>(name: string, content: string | Buffer, read: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'hark-pocketsphinx-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, content);
    return read(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
