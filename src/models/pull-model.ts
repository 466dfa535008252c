import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogEntry } from './catalog.js';
import { downloadResumable, sha256File, type DownloadProgress } from './download.js';
import type { ModelStore } from './model-store.js';
import { unpackArchive } from './unpack-archive.js';

export interface PullOptions {
  /** Base URL the archive name is appended to: the upstream releases or a mirror. */
  baseUrl: string;
  onProgress?: (progress: DownloadProgress) => void;
  /** Told each step, for the CLI's messages. */
  onStep?: (step: 'download' | 'verify' | 'unpack') => void;
  signal?: AbortSignal;
}

export type PullOutcome = 'installed' | 'already-installed';

/**
 * Downloads a catalog model (resuming a partial download), checks its SHA-256, unpacks it into a
 * staging folder and moves the complete model into place in one rename. A checksum mismatch discards
 * the download; an interrupted transfer keeps it for the next attempt. Either way no model folder
 * appears unless every file is there.
 */
export async function pullModel(entry: CatalogEntry, store: ModelStore, options: PullOptions): Promise<PullOutcome> {
  if (store.isInstalled(entry)) return 'already-installed';
  await mkdir(store.downloadsDir, { recursive: true });
  const partPath = join(store.downloadsDir, `${entry.archive}.part`);
  const url = `${options.baseUrl.replace(/\/+$/, '')}/${entry.archive}`;

  options.onStep?.('download');
  await downloadResumable(url, partPath, options.onProgress, options.signal);

  options.onStep?.('verify');
  const digest = await sha256File(partPath);
  if (digest !== entry.sha256) {
    await rm(partPath, { force: true });
    throw new Error(
      `checksum mismatch for ${entry.archive} from ${url}: expected SHA-256 ${entry.sha256}, got ${digest}; the download was discarded and nothing was installed`,
    );
  }

  options.onStep?.('unpack');
  const staging = await mkdtemp(join(store.root, '.staging-'));
  try {
    await unpackArchive(partPath, entry.archive, staging);
    const unpacked = join(staging, entry.folder);
    const missing = Object.values(entry.files).filter((file) => !existsSync(join(unpacked, file)));
    if (missing.length > 0) {
      throw new Error(`${entry.archive} does not contain ${entry.folder}/${missing.join(`, ${entry.folder}/`)}; nothing was installed`);
    }
    await rename(unpacked, store.dirOf(entry.name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await rm(partPath, { force: true });
  return 'installed';
}
