import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** Feature size sherpa-onnx computes for NeMo models (80 mel bins). */
const FEATURES = 80;
/** SentencePiece-style pieces: `▁` starts a word. NeMo puts the CTC blank last. */
const TOKENS = ['<unk>', '▁hark', '▁tiny', '▁model', 's', '▁word', 'ing', '<blk>'];
const BLANK_BIAS = 3;

/** Weights that look random but are the same on every run: a sine hash of the index, in ±0.5. */
function pseudoRandom(index: number): number {
  const x = Math.sin(index * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

function floatTensor(name: string, dims: number[], values: Float32Array): InstanceType<typeof onnx.TensorProto> {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(values.buffer) });
}

/**
 * A NeMo CTC model (`EncDecCTCModelBPE`, the family of Parakeet TDT-CTC) with random weights, in the
 * shape sherpa-onnx's offline NeMo CTC recognizer loads: input `audio_signal` (N, 80, T) with
 * `length` (N), output log-probabilities (N, T, vocab), and the metadata it reads (`model_type`,
 * `vocab_size`, `subsampling_factor`, `normalize_type`). One layer: transpose, matmul, bias (the blank
 * biased up so that words stand apart), log-softmax. Its text is meaningless; its shape is real.
 */
export function tinyNemoCtcModel(): Uint8Array {
  const vocab = TOKENS.length;
  const weights = Float32Array.from({ length: FEATURES * vocab }, (_, index) => pseudoRandom(index));
  const bias = Float32Array.from({ length: vocab }, (_, index) => (index === vocab - 1 ? BLANK_BIAS : 0));
  const dim = (value: number | string) => (typeof value === 'number' ? { dimValue: value } : { dimParam: value });
  const tensorType = (elemType: number, dims: (number | string)[]) => ({ tensorType: { elemType, shape: { dim: dims.map(dim) } } });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'hark-test',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: [
      { key: 'model_type', value: 'EncDecCTCModelBPE' },
      { key: 'vocab_size', value: String(vocab) },
      { key: 'subsampling_factor', value: '1' },
      { key: 'normalize_type', value: 'per_feature' },
    ],
    graph: {
      name: 'tiny-nemo-ctc',
      input: [
        { name: 'audio_signal', type: tensorType(onnx.TensorProto.DataType.FLOAT, ['N', FEATURES, 'T']) },
        { name: 'length', type: tensorType(onnx.TensorProto.DataType.INT64, ['N']) },
      ],
      output: [{ name: 'logprobs', type: tensorType(onnx.TensorProto.DataType.FLOAT, ['N', 'T', vocab]) }],
      initializer: [floatTensor('weights', [FEATURES, vocab], weights), floatTensor('bias', [vocab], bias)],
      node: [
        { opType: 'Transpose', input: ['audio_signal'], output: ['frames'], attribute: [{ name: 'perm', type: onnx.AttributeProto.AttributeType.INTS, ints: [0, 2, 1] }] },
        { opType: 'MatMul', input: ['frames', 'weights'], output: ['scores'] },
        { opType: 'Add', input: ['scores', 'bias'], output: ['logits'] },
        { opType: 'LogSoftmax', input: ['logits'], output: ['logprobs'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 }] },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

export interface TinyModelRelease {
  /** Folder holding the archive, to serve. */
  dir: string;
  archive: string;
  sha256: string;
  size: number;
  /** The catalog entry an operator would write for it. */
  entry: Record<string, unknown>;
}

/** The tiny model packed the way sherpa-onnx publishes models: `<folder>/{model.onnx,tokens.txt}` in a .tar.bz2. */
export function tinyModelRelease(workDir: string, name = 'tiny-nemo-ctc'): TinyModelRelease {
  const folder = join(workDir, 'src', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'model.onnx'), tinyNemoCtcModel());
  writeFileSync(join(folder, 'tokens.txt'), TOKENS.map((token, id) => `${token} ${id}\n`).join(''));
  const dir = join(workDir, 'release');
  mkdirSync(dir, { recursive: true });
  const archive = `${name}.tar.bz2`;
  execFileSync('tar', ['-cjf', join(dir, archive), '-C', join(workDir, 'src'), name]);
  const bytes = readFileSync(join(dir, archive));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    dir,
    archive,
    sha256,
    size: bytes.length,
    entry: {
      name,
      family: 'nemo-ctc',
      languages: ['en'],
      sizeMb: Math.ceil(bytes.length / 1e6),
      archive,
      sha256,
      folder: name,
      files: { model: 'model.onnx', tokens: 'tokens.txt' },
    },
  };
}
