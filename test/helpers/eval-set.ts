import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's shared folder (recordings, API docs): `HARK_SHARED_DIR`, or `../shared` beside the repository. */
export function sharedDir(): string {
  if (process.env.HARK_SHARED_DIR) return resolve(process.env.HARK_SHARED_DIR);
  // This file runs from dist/test/helpers/.
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const candidate = join(repoRoot, '..', 'shared');
  if (!existsSync(join(candidate, 'eval', 'manifest.tsv'))) {
    throw new Error(`shared folder not found at ${candidate}; set HARK_SHARED_DIR`);
  }
  return candidate;
}

export function evalDir(): string {
  return join(sharedDir(), 'eval');
}

export interface EvalItem {
  id: string;
  file: string;
  path: string;
  durationSeconds: number;
  speakers: number;
  language: string;
  reference: string;
  category: string;
}

export function evalItems(): EvalItem[] {
  const dir = evalDir();
  const [, ...rows] = readFileSync(join(dir, 'manifest.tsv'), 'utf8').trimEnd().split('\n');
  return rows.map((row) => {
    const [id = '', file = '', duration = '0', speakers = '0', language = '', reference = '', , , notes = ''] = row.split('\t');
    return {
      id,
      file,
      path: join(dir, file),
      durationSeconds: Number(duration),
      speakers: Number(speakers),
      language,
      reference,
      category: /category=([a-z_]+)/.exec(notes)?.[1] ?? 'unknown',
    };
  });
}

/** The wide-band clip a `telephone` clip was made from: its id is the original's with `tel_` before it. */
export function wideBandOriginal(telephoneItem: EvalItem): EvalItem {
  return evalItem(telephoneItem.id.replace(/^tel_/, ''));
}

export function evalItem(id: string): EvalItem {
  const item = evalItems().find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no eval item '${id}'`);
  return item;
}
