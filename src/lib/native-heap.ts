import koffi from 'koffi';

type Trim = (pad: number) => number;

let trim: Trim | null | undefined;

function loadTrim(): Trim | null {
  try {
    return koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as Trim;
  } catch {
    return null; // not glibc (musl has no malloc_trim): nothing to hand back
  }
}

/**
 * Hands the C heap's free pages back to the kernel (glibc's `malloc_trim`). glibc returns freed
 * memory on its own only from the top of the heap; a native library that allocates and frees many
 * blocks per call (a PocketSphinx search) leaves free pages in the middle that still count as the
 * process's memory. Takes a few milliseconds; a no-op where the C library is not glibc.
 */
export function releaseFreedNativeMemory(): void {
  if (trim === undefined) trim = loadTrim();
  trim?.(0);
}
