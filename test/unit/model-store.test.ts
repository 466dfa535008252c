import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUILT_IN_CATALOG, loadCatalog } from '../../src/models/catalog.js';
import { ModelStore } from '../../src/models/model-store.js';

function folderWith(name: string, files: readonly string[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'hark-copied-')), name);
  mkdirSync(dir);
  for (const file of files) writeFileSync(join(dir, file), '');
  return dir;
}

describe('model store', () => {
  const store = new ModelStore(mkdtempSync(join(tmpdir(), 'hark-models-')), BUILT_IN_CATALOG);

  it('recognises a hand-copied upstream folder by its files, the folder name settling shared file names', () => {
    const parakeet = folderWith('anything', ['encoder.int8.onnx', 'decoder.int8.onnx', 'joiner.int8.onnx', 'tokens.txt']);
    assert.equal(store.resolve(parakeet).entry.name, 'parakeet-tdt-0.6b-v2-int8');
    assert.equal(store.resolve(parakeet).dir, parakeet);
    const senseVoice = folderWith('sherpa-onnx-sense-voice-zh-en-ja-ko-yue-int8-2024-07-17', ['model.int8.onnx', 'tokens.txt']);
    assert.equal(store.resolve(senseVoice).entry.family, 'sense-voice');
    const ambiguous = folderWith('renamed', ['model.int8.onnx', 'tokens.txt']);
    assert.throws(() => store.resolve(ambiguous), /cannot tell which model .* matches parakeet-tdt-ctc-110m-int8, sense-voice-int8/);
    assert.throws(() => store.resolve(folderWith('empty', [])), /holds the files of no known model/);
  });

  it('names the pull command for a catalog model that is not installed, and the known models for a typo', () => {
    assert.throws(() => store.resolve('whisper-base'), /not installed: run `hark models pull whisper-base`/);
    assert.throws(() => store.resolve('whisper-bsae'), /unknown model 'whisper-bsae'; known models: parakeet-tdt-0\.6b-v2-int8, /);
  });

  it('adds the entries of an operator catalog file and checks them', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hark-catalog-')), 'catalog.json');
    const entry = { name: 'mirror-model', family: 'whisper', languages: ['de'], sizeMb: 1, archive: 'm.tar.bz2', sha256: 'a'.repeat(64), folder: 'm', files: { encoder: 'e.onnx', decoder: 'd.onnx', tokens: 't.txt' } };
    writeFileSync(file, JSON.stringify([entry]));
    assert.equal(loadCatalog(file).at(-1)?.name, 'mirror-model');
    writeFileSync(file, JSON.stringify([{ ...entry, family: 'kaldi' }]));
    assert.throws(() => loadCatalog(file), /\[0\]: family must be one of transducer, nemo-ctc, whisper, moonshine, sense-voice/);
    writeFileSync(file, JSON.stringify([{ ...entry, sha256: 'xyz' }]));
    assert.throws(() => loadCatalog(file), /sha256 must be 64 hex digits/);
  });
});
