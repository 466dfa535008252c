import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HarkError } from '../domain/errors.js';
import type { JobStore, Upload } from '../store/job-store.js';

const UPLOAD_PATH = /\/v2\/upload\/([0-9a-f-]{36})$/;

/**
 * Uploaded audio: files on disk under the data dir, registered in the store with their owner, kept
 * until the job that uses them is deleted. An upload's URL is `<public url>/v2/upload/<id>`; when it
 * comes back as an `audio_url`, Hark reads the file directly instead of fetching it.
 */
export class UploadStore {
  readonly #dir: string;
  readonly #store: JobStore;

  constructor(dir: string, store: JobStore) {
    this.#dir = dir;
    this.#store = store;
  }

  urlOf(publicUrl: string, id: string): string {
    return `${publicUrl}/v2/upload/${id}`;
  }

  /**
   * Streams `body` to disk for `owner`. `isTruncated` reports whether the source stopped at the size
   * limit (multipart parsers truncate instead of failing); such uploads are removed and refused (413).
   */
  async save(owner: string, body: Readable, isTruncated: () => boolean, maxBytes: number): Promise<Upload> {
    await mkdir(this.#dir, { recursive: true });
    const id = randomUUID();
    const path = join(this.#dir, id);
    try {
      await pipeline(body, createWriteStream(path));
      if (isTruncated()) {
        throw new HarkError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes.`);
      }
    } catch (error) {
      // A full disk needs no case of its own here: every surface answers it 503 (toHarkError).
      await rm(path, { force: true });
      throw error;
    }
    const { size } = await stat(path);
    if (size === 0) {
      await rm(path, { force: true });
      throw new HarkError('AUDIO_SOURCE_MISSING', 'The uploaded file is empty.');
    }
    const upload: Upload = { id, owner, path, bytes: size };
    await this.#store.saveUpload(upload);
    return upload;
  }

  /**
   * The upload an `audio_url` refers to, when it is one of Hark's own upload URLs (`publicUrl`
   * prefix); null for any other URL. Another key's upload is refused, as AssemblyAI does.
   */
  async resolve(owner: string, audioUrl: string, publicUrl: string): Promise<Upload | null> {
    const id = audioUrl.startsWith(`${publicUrl}/`) ? UPLOAD_PATH.exec(audioUrl)?.[1] : undefined;
    if (id === undefined) return null;
    const upload = await this.#store.getUpload(id, owner);
    if (upload === null) throw new HarkError('UPLOAD_FORBIDDEN', 'Cannot access uploaded file');
    return upload;
  }

  /** Removes an upload's file and record (the file name is the upload id). */
  async removeFile(path: string): Promise<void> {
    await rm(path, { force: true });
    await this.#store.deleteUpload(basename(path));
  }
}
