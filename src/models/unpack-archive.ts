import { runProcess } from '../lib/run-process.js';

/** tar's decompression flag for each archive format the catalog may declare. */
const FORMATS: ReadonlyArray<[suffix: string, flag: string]> = [
  ['.tar.bz2', '-j'],
  ['.tar.gz', '-z'],
  ['.tgz', '-z'],
  ['.tar', ''],
];

/**
 * Unpacks a release archive into `intoDir` with the system tar (GNU tar and bzip2 are Debian
 * packages; no npm decompressor is needed). Members that would land outside `intoDir` are refused by
 * GNU tar itself (it strips leading `/` and `..`).
 */
export async function unpackArchive(archivePath: string, archiveName: string, intoDir: string): Promise<void> {
  const format = FORMATS.find(([suffix]) => archiveName.endsWith(suffix));
  if (format === undefined) {
    throw new Error(`cannot unpack ${archiveName}: expected one of ${FORMATS.map(([suffix]) => suffix).join(', ')}`);
  }
  const flags = ['-x', ...(format[1] === '' ? [] : [format[1]]), '--no-same-owner', '-f', archivePath, '-C', intoDir];
  try {
    await runProcess('tar', flags);
  } catch (error) {
    throw new Error(`cannot unpack ${archiveName}: ${(error as Error).message}`);
  }
}
