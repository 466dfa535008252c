import { open, rm, type FileHandle } from 'node:fs/promises';

/**
 * Decoded PCM kept on disk while it streams past: the diarizer needs the whole window at once, and a
 * copy in memory would grow with the file (115 MB an hour at 16 kHz). Writes are awaited one by one,
 * so the decoder is held back rather than buffered when the disk is slower.
 */
export class PcmScratchFile {
  readonly path: string;
  readonly #handle: FileHandle;

  private constructor(path: string, handle: FileHandle) {
    this.path = path;
    this.#handle = handle;
  }

  static async create(path: string): Promise<PcmScratchFile> {
    return new PcmScratchFile(path, await open(path, 'w'));
  }

  async write(chunk: Buffer): Promise<void> {
    await this.#handle.write(chunk);
  }

  /** Flushes and closes the file; it stays until `remove`. */
  close(): Promise<void> {
    return this.#handle.close();
  }

  async remove(): Promise<void> {
    await this.#handle.close().catch(() => {});
    await rm(this.path, { force: true });
  }
}
