import type { Config } from '../config/config.js';
import { EMBEDDED_MODEL } from '../engines/engine-registry.js';
import { findEntry, type CatalogEntry } from '../models/catalog.js';
import type { DownloadProgress } from '../models/download.js';
import { modelStoreFor, type ModelStore } from '../models/model-store.js';
import { pullModel } from '../models/pull-model.js';

export const MODELS_USAGE = 'hark models list | hark models pull NAME | hark models rm NAME';

/** `hark models …`: lists the catalog, installs and removes models. Resolves to the exit code. */
export async function modelsCommand(args: readonly string[], config: Readonly<Config>): Promise<number> {
  const [action, name, ...rest] = args;
  const store = modelStoreFor(config.dataDir, config.modelCatalog);
  if (action === 'list' && name === undefined) {
    process.stdout.write(listing(store, config.model));
    return 0;
  }
  if ((action === 'pull' || action === 'rm') && name !== undefined && rest.length === 0) {
    const entry = findEntry(store.catalog, name);
    return action === 'pull' ? pull(entry, store, config) : remove(entry, store);
  }
  process.stderr.write(`usage: ${MODELS_USAGE}\n`);
  return 2;
}

function listing(store: ModelStore, activeModel: string): string {
  const rows = store.catalog.map((entry) => [
    `${entry.name === activeModel ? '* ' : '  '}${entry.name}`,
    entry.family,
    entry.languages.join(','),
    `${entry.sizeMb} MB`,
    store.isInstalled(entry) ? 'installed' : '-',
    entry.publishedWer ?? '',
  ]);
  const embedded = [`${activeModel === EMBEDDED_MODEL ? '* ' : '  '}${EMBEDDED_MODEL}`, 'embedded', 'en', '-', 'installed', 'LibriSpeech test-clean 31.8 % (Picovoice benchmark)'];
  const table = [['  NAME', 'FAMILY', 'LANGUAGES', 'SIZE', 'STATUS', 'PUBLISHED WER (not measured by Hark)'], embedded, ...rows];
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
  const lines = table.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
  return `${lines.join('\n')}\n\n* = HARK_MODEL, the model jobs run on unless HARK_MODEL_MAP routes their API model name elsewhere.\n`;
}

async function pull(entry: CatalogEntry, store: ModelStore, config: Readonly<Config>): Promise<number> {
  const outcome = await pullModel(entry, store, {
    baseUrl: config.modelBaseUrl,
    onStep: (step) => process.stderr.write(`${STEP_WORDS[step]} ${entry.name}…\n`),
    onProgress: progressPrinter(),
  });
  const where = store.dirOf(entry.name);
  process.stdout.write(
    outcome === 'installed'
      ? `Installed ${entry.name} in ${where} (SHA-256 verified). To run every job on it: HARK_MODEL=${entry.name}\n`
      : `${entry.name} is already installed in ${where}.\n`,
  );
  return 0;
}

async function remove(entry: CatalogEntry, store: ModelStore): Promise<number> {
  const removed = await store.remove(entry.name);
  process.stdout.write(removed ? `Removed ${entry.name}.\n` : `${entry.name} is not installed.\n`);
  return 0;
}

const STEP_WORDS = { download: 'Downloading', verify: 'Verifying', unpack: 'Unpacking' } as const;

/** Progress on stderr: a rewritten line on a terminal, a line per 10 % otherwise (logs, CI). */
function progressPrinter(): (progress: DownloadProgress) => void {
  const tty = process.stderr.isTTY === true;
  let lastShown = -1;
  let lastAt = 0;
  return ({ receivedBytes, totalBytes }) => {
    const percent = totalBytes ? Math.floor((receivedBytes / totalBytes) * 100) : null;
    const now = Date.now();
    const due = tty ? now - lastAt >= 250 || percent === 100 : percent !== null && Math.floor(percent / 10) > Math.floor(lastShown / 10);
    if (!due) return;
    lastAt = now;
    lastShown = percent ?? lastShown;
    const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
    const text = `  ${mb(receivedBytes)}${totalBytes ? ` / ${mb(totalBytes)} MB (${percent} %)` : ' MB'}`;
    process.stderr.write(tty ? `\r${text}${percent === 100 ? '\n' : ''}` : `${text}\n`);
  };
}
