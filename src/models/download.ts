import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';

export interface DownloadProgress {
  receivedBytes: number;
  /** Null when the server does not say. */
  totalBytes: number | null;
}

/** A download that failed in a way worth reporting as such (HTTP status, cut-off transfer). */
export class DownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

/**
 * Downloads `url` into `partPath`, continuing a previous partial file with an HTTP Range request
 * (servers that ignore Range send the whole file, which then replaces the partial one). A transfer
 * that ends short of the announced length is an error and the partial file is kept for the next try.
 */
export async function downloadResumable(
  url: string,
  partPath: string,
  onProgress: (progress: DownloadProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<void> {
  const offset = await sizeOf(partPath);
  let response: Response;
  try {
    response = await fetch(url, { headers: offset > 0 ? { range: `bytes=${offset}-` } : {}, signal });
  } catch (error) {
    throw new DownloadError(`cannot download ${url}: ${describe(error)}`);
  }
  // The partial file already holds everything: nothing is left to fetch.
  if (response.status === 416 && offset > 0) return;
  if (response.status !== 200 && response.status !== 206) {
    throw new DownloadError(`cannot download ${url}: the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const resumed = response.status === 206;
  const start = resumed ? offset : 0;
  const totalBytes = resumed ? rangeTotal(response) : lengthOf(response);
  let receivedBytes = start;
  const interrupted = (): DownloadError =>
    new DownloadError(
      `the download of ${url} was interrupted after ${receivedBytes}${totalBytes === null ? '' : ` of ${totalBytes}`} bytes; run the same command again to resume`,
    );
  // Each chunk is on disk before the next is read, so whatever arrived before a cut is kept for resuming.
  const file = await open(partPath, resumed ? 'a' : 'w');
  try {
    for await (const chunk of response.body ?? []) {
      await file.write(chunk);
      receivedBytes += chunk.length;
      onProgress({ receivedBytes, totalBytes });
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw interrupted();
  } finally {
    await file.close();
  }
  if (totalBytes !== null && receivedBytes < totalBytes) throw interrupted();
}

/** SHA-256 of a file, as lower-case hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function lengthOf(response: Response): number | null {
  const length = Number(response.headers.get('content-length') ?? NaN);
  return Number.isFinite(length) ? length : null;
}

/** `Content-Range: bytes 100-199/200` → 200. */
function rangeTotal(response: Response): number | null {
  const match = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
  return match ? Number(match[1]) : null;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
