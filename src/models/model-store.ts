import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { findEntry, loadCatalog, type CatalogEntry } from './catalog.js';

/** A model whose files are all on disk: its catalog entry and the folder holding the files. */
export interface InstalledModel {
  entry: CatalogEntry;
  dir: string;
}

/**
 * The models folder under the data dir: `<models>/<name>/` holds an installed model's files. A model
 * folder only ever appears by a rename of a complete, verified unpack, so a folder that exists is a
 * whole model. Work in progress lives in dot-folders (`.downloads`, `.staging-*`), never listed.
 */
export class ModelStore {
  readonly root: string;
  readonly catalog: readonly CatalogEntry[];

  constructor(root: string, catalog: readonly CatalogEntry[]) {
    this.root = root;
    this.catalog = catalog;
  }

  dirOf(name: string): string {
    return join(this.root, name);
  }

  /** Resumable partial downloads, kept across attempts. */
  get downloadsDir(): string {
    return join(this.root, '.downloads');
  }

  isInstalled(entry: CatalogEntry): boolean {
    return hasAllFiles(this.dirOf(entry.name), entry);
  }

  /** Removes an installed model; false when it was not installed. */
  async remove(name: string): Promise<boolean> {
    const entry = findEntry(this.catalog, name);
    const dir = this.dirOf(entry.name);
    if (!existsSync(dir)) return false;
    await rm(dir, { recursive: true, force: true });
    return true;
  }

  /**
   * The model a `HARK_MODEL` value names: a catalog name installed here, or the absolute path of a
   * folder copied by hand (air-gapped installs), recognised by holding every file of a catalog entry.
   */
  resolve(reference: string): InstalledModel {
    if (isAbsolute(reference)) return this.#resolveFolder(reference);
    const entry = findEntry(this.catalog, reference);
    if (!this.isInstalled(entry)) {
      throw new Error(`model '${entry.name}' is not installed: run \`hark models pull ${entry.name}\``);
    }
    return { entry, dir: this.dirOf(entry.name) };
  }

  #resolveFolder(dir: string): InstalledModel {
    const candidates = this.catalog.filter((entry) => hasAllFiles(dir, entry));
    // Several families share file names (model.int8.onnx + tokens.txt): the upstream folder name decides.
    const entry = candidates.find((candidate) => candidate.folder === basename(dir)) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (entry === undefined) {
      const why = candidates.length === 0 ? 'it holds the files of no known model' : `it matches ${candidates.map((c) => c.name).join(', ')}`;
      throw new Error(`cannot tell which model the folder ${dir} holds (${why}); keep the upstream folder name, e.g. ${this.catalog[0]?.folder ?? ''}`);
    }
    return { entry, dir };
  }
}

function hasAllFiles(dir: string, entry: CatalogEntry): boolean {
  return Object.values(entry.files).every((file) => existsSync(join(dir, file)));
}

/** The store of a data dir, with the built-in catalog plus the operator's catalog file, if any. */
export function modelStoreFor(dataDir: string, catalogFile: string): ModelStore {
  return new ModelStore(join(dataDir, 'models'), loadCatalog(catalogFile));
}
