import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Upload } from '../store/job-store.js';
import type { UploadStore } from './uploads.js';

export interface UploadForm {
  /** Text fields; a field sent several times (e.g. `timestamp_granularities[]`) keeps every value. */
  fields: Record<string, string[]>;
  /** The first file part named in `fileFields`, streamed to disk as an upload. */
  upload: Upload | null;
}

/** Reads a multipart form with one audio file; if reading fails part-way, the saved file is removed. */
export async function readUploadForm(
  request: FastifyRequest,
  uploads: UploadStore,
  maxBytes: number,
  fileFields: readonly string[],
): Promise<UploadForm> {
  const fields: Record<string, string[]> = {};
  let upload: Upload | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        (fields[part.fieldname] ??= []).push(String(part.value));
      } else if (fileFields.includes(part.fieldname) && upload === null) {
        const file: MultipartFile = part;
        upload = await uploads.save(request.owner, file.file, () => file.file.truncated, maxBytes);
      } else {
        part.file.resume();
      }
    }
  } catch (error) {
    if (upload) await uploads.removeFile(upload.path);
    throw error;
  }
  return { fields, upload };
}
