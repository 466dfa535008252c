import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HarkError } from '../domain/errors.js';

export interface StoredUpload {
  id: string;
  path: string;
  bytes: number;
}

/**
 * Uploaded audio, kept on disk under the data dir until its job is deleted. Each upload gets an
 * unguessable id; its public URL is `<public url>/v2/upload/<id>`.
 */
export class UploadStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  pathOf(id: string): string {
    return join(this.#dir, id);
  }

  urlOf(publicUrl: string, id: string): string {
    return `${publicUrl}/v2/upload/${id}`;
  }

  /**
   * Streams `body` to disk. `isTruncated` reports whether the source stopped at the size limit
   * (multipart parsers truncate instead of failing); such uploads are removed and refused with 413.
   */
  async save(body: Readable, isTruncated: () => boolean, maxBytes: number): Promise<StoredUpload> {
    await mkdir(this.#dir, { recursive: true });
    const id = randomUUID();
    const path = this.pathOf(id);
    try {
      await pipeline(body, createWriteStream(path));
      if (isTruncated()) {
        throw new HarkError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes.`);
      }
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    const { size } = await stat(path);
    if (size === 0) {
      await rm(path, { force: true });
      throw new HarkError('AUDIO_SOURCE_MISSING', 'The uploaded file is empty.');
    }
    return { id, path, bytes: size };
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }
}
