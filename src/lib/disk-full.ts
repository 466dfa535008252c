/** Write errors that say the disk (or the user's quota on it) is full: the system's, and SQLite's. */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/** Whether a failed write failed for lack of space: the machine's fault, not the request's. */
export const isDiskFull = (error: unknown): boolean => DISK_FULL_CODES.has((error as NodeJS.ErrnoException | null)?.code ?? '');
