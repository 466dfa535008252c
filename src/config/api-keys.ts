import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ApiKeys {
  keys: string[];
  /** Set only on the start that created the key, so the caller can show it once. */
  generatedKey: string | null;
}

/**
 * The keys clients must present. Configured keys win; otherwise the key stored in the data dir is
 * used, and on the very first start one is generated and stored there (mode 0600).
 */
export function resolveApiKeys(configured: readonly string[], dataDir: string): ApiKeys {
  if (configured.length > 0) return { keys: [...configured], generatedKey: null };
  const path = join(dataDir, 'api-key');
  try {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored !== '') return { keys: [stored], generatedKey: null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = `hark_${randomBytes(24).toString('base64url')}`;
  // 'wx' fails if another process created the file in the meantime: then use theirs.
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveApiKeys(configured, dataDir);
    throw error;
  }
  return { keys: [key], generatedKey: key };
}
