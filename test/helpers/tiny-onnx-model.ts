import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT32 = onnx.TensorProto.DataType.INT32;
const INT64 = onnx.TensorProto.DataType.INT64;

/** Feature size sherpa-onnx computes for NeMo and SenseVoice models (80 mel bins). */
const FEATURES = 80;

/** A model the tests install: its ONNX bytes, its tokens, and what its catalog entry says. */
export interface TinyModel {
  family: 'nemo-ctc' | 'sense-voice';
  languages: readonly string[];
  onnx: Uint8Array;
  tokens: readonly string[];
}

/** Weights that look random but are the same on every run: a sine hash of the index, in ±0.5. */
function pseudoRandom(index: number): number {
  const x = Math.sin(index * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

function floatTensor(name: string, dims: number[], values: Float32Array): InstanceType<typeof onnx.TensorProto> {
  return onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: new Uint8Array(values.buffer) });
}

const dim = (value: number | string) => (typeof value === 'number' ? { dimValue: value } : { dimParam: value });
const tensorType = (elemType: number, dims: (number | string)[]) => ({ tensorType: { elemType, shape: { dim: dims.map(dim) } } });
const ints = (name: string, values: number[]) => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
const int = (name: string, value: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });

/** SentencePiece-style pieces: `▁` starts a word. NeMo puts the CTC blank last. */
const NEMO_TOKENS = ['<unk>', '▁hark', '▁tiny', '▁model', 's', '▁word', 'ing', '<blk>'];
const BLANK_BIAS = 3;

/**
 * A NeMo CTC model (`EncDecCTCModelBPE`, the family of Parakeet TDT-CTC) with random weights, in the
 * shape sherpa-onnx's offline NeMo CTC recognizer loads: input `audio_signal` (N, 80, T) with
 * `length` (N), output log-probabilities (N, T, vocab), and the metadata it reads (`model_type`,
 * `vocab_size`, `subsampling_factor`, `normalize_type`). One layer: transpose, matmul, bias (the blank
 * biased up so that words stand apart), log-softmax. Its text is meaningless; its shape is real.
 */
function tinyNemoCtcOnnx(): Uint8Array {
  const vocab = NEMO_TOKENS.length;
  const weights = Float32Array.from({ length: FEATURES * vocab }, (_, index) => pseudoRandom(index));
  const bias = Float32Array.from({ length: vocab }, (_, index) => (index === vocab - 1 ? BLANK_BIAS : 0));
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
        { name: 'audio_signal', type: tensorType(FLOAT, ['N', FEATURES, 'T']) },
        { name: 'length', type: tensorType(INT64, ['N']) },
      ],
      output: [{ name: 'logprobs', type: tensorType(FLOAT, ['N', 'T', vocab]) }],
      initializer: [floatTensor('weights', [FEATURES, vocab], weights), floatTensor('bias', [vocab], bias)],
      node: [
        { opType: 'Transpose', input: ['audio_signal'], output: ['frames'], attribute: [ints('perm', [0, 2, 1])] },
        { opType: 'MatMul', input: ['frames', 'weights'], output: ['scores'] },
        { opType: 'Add', input: ['scores', 'bias'], output: ['logits'] },
        { opType: 'LogSoftmax', input: ['logits'], output: ['logprobs'], attribute: [int('axis', -1)] },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

export const TINY_NEMO_CTC: TinyModel = { family: 'nemo-ctc', languages: ['en'], onnx: tinyNemoCtcOnnx(), tokens: NEMO_TOKENS };

/**
 * SenseVoice's vocabulary in small: the CTC blank first (sherpa-onnx's default `blank_id` 0), the
 * tags SenseVoice emits before the text (language, emotion, audio event, text normalisation), then
 * word pieces.
 */
const SENSE_VOICE_TOKENS = ['<unk>', '<|en|>', '<|zh|>', '<|NEUTRAL|>', '<|Speech|>', '<|woitn|>', '▁hark', '▁tiny', '▁model'];
/** A one-hot-style row over the vocabulary: `value` at the named tokens, `rest` elsewhere. */
function vocabRow(values: Record<string, number>, rest: number): Float32Array {
  return Float32Array.from(SENSE_VOICE_TOKENS, (text) => values[text] ?? rest);
}

/**
 * A SenseVoice model (FunASR's SenseVoiceSmall) in the shape sherpa-onnx's offline SenseVoice
 * recognizer loads: inputs `x` (N, T, 80·lfr_window_size) of low-frame-rate fbank features,
 * `x_length`, `language` and `text_norm` (N, int32); output CTC logits (N, T + 4, vocab) whose first
 * four frames carry the language, emotion, event and normalisation tags; and the metadata sherpa-onnx
 * reads (`vocab_size`, `lfr_window_size`/`_shift`, `normalize_samples`, `with_itn`/`without_itn`, the
 * `lang_*` query ids, `neg_mean`/`inv_stddev`).
 *
 * Its weights are not random but a rule, so that a test can predict what it hears: each frame is
 * scored by how much more energy its 40 lower mel bins hold than its 40 upper ones. A frame clearly
 * low-pitched is the word "hark", clearly high-pitched "tiny", otherwise the blank; and a piece of
 * audio whose mean score is positive is tagged English (`<|en|>`), negative Chinese (`<|zh|>`). So a
 * low tone is one English word per piece, a high tone one Chinese one. `language` and `text_norm` are
 * read by sherpa-onnx and ignored here.
 */
function tinySenseVoiceOnnx(): Uint8Array {
  const vocab = SENSE_VOICE_TOKENS.length;
  const band = Float32Array.from({ length: FEATURES }, (_, bin) => (bin < FEATURES / 2 ? 1 : -1) / (FEATURES / 2));
  const zeros = (length: number) => new Array<number>(length).fill(0).join(',');
  const ones = (length: number) => new Array<number>(length).fill(1).join(',');
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'hark-test',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: [
      { key: 'model_type', value: 'sense_voice_ctc' },
      { key: 'comment', value: 'tiny SenseVoice for tests' },
      { key: 'vocab_size', value: String(vocab) },
      { key: 'blank_id', value: '0' },
      { key: 'lfr_window_size', value: '1' },
      { key: 'lfr_window_shift', value: '1' },
      { key: 'normalize_samples', value: '1' },
      { key: 'with_itn', value: '14' },
      { key: 'without_itn', value: '15' },
      ...['auto', 'zh', 'en', 'yue', 'ja', 'ko'].map((lang, id) => ({ key: `lang_${lang}`, value: String(id) })),
      // Identity normalisation: the features reach the graph as sherpa-onnx computed them.
      { key: 'neg_mean', value: zeros(FEATURES) },
      { key: 'inv_stddev', value: ones(FEATURES) },
    ],
    graph: {
      name: 'tiny-sense-voice',
      input: [
        { name: 'x', type: tensorType(FLOAT, ['N', 'T', FEATURES]) },
        { name: 'x_length', type: tensorType(INT32, ['N']) },
        { name: 'language', type: tensorType(INT32, ['N']) },
        { name: 'text_norm', type: tensorType(INT32, ['N']) },
      ],
      output: [{ name: 'ctc_logits', type: tensorType(FLOAT, ['N', 'T4', vocab]) }],
      initializer: [
        floatTensor('band', [FEATURES, 1], band),
        floatTensor('text_weight', [1, vocab], vocabRow({ '▁hark': 1, '▁tiny': -1 }, 0)),
        floatTensor('text_bias', [vocab], vocabRow({ '<unk>': 2, '▁hark': 0, '▁tiny': 0 }, -10)),
        floatTensor('lang_weight', [1, vocab], vocabRow({ '<|en|>': 1, '<|zh|>': -1 }, 0)),
        floatTensor('lang_bias', [vocab], vocabRow({ '<|en|>': 0, '<|zh|>': 0 }, -100)),
        floatTensor('zero', [], Float32Array.of(0)),
        floatTensor('emotion_row', [vocab], vocabRow({ '<|NEUTRAL|>': 10 }, -100)),
        floatTensor('event_row', [vocab], vocabRow({ '<|Speech|>': 10 }, -100)),
        floatTensor('itn_row', [vocab], vocabRow({ '<|woitn|>': 10 }, -100)),
      ],
      node: [
        // Per frame: (N, T, 80) · (80, 1) → how low-pitched each frame is.
        { opType: 'MatMul', input: ['x', 'band'], output: ['pitch'] },
        { opType: 'Mul', input: ['pitch', 'text_weight'], output: ['text_scores'] },
        { opType: 'Add', input: ['text_scores', 'text_bias'], output: ['text_logits'] },
        // The whole piece: its mean score decides the language tag.
        { opType: 'ReduceMean', input: ['pitch'], output: ['mean_pitch'], attribute: [ints('axes', [1]), int('keepdims', 1)] },
        { opType: 'Mul', input: ['mean_pitch', 'lang_weight'], output: ['lang_scores'] },
        { opType: 'Add', input: ['lang_scores', 'lang_bias'], output: ['lang_logits'] },
        // Fixed tags, broadcast to (N, 1, vocab) by way of a zeroed copy of the language frame.
        { opType: 'Mul', input: ['lang_logits', 'zero'], output: ['blank_frame'] },
        { opType: 'Add', input: ['blank_frame', 'emotion_row'], output: ['emotion_logits'] },
        { opType: 'Add', input: ['blank_frame', 'event_row'], output: ['event_logits'] },
        { opType: 'Add', input: ['blank_frame', 'itn_row'], output: ['itn_logits'] },
        {
          opType: 'Concat',
          input: ['lang_logits', 'emotion_logits', 'event_logits', 'itn_logits', 'text_logits'],
          output: ['ctc_logits'],
          attribute: [int('axis', 1)],
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

export const TINY_SENSE_VOICE: TinyModel = { family: 'sense-voice', languages: ['en', 'zh'], onnx: tinySenseVoiceOnnx(), tokens: SENSE_VOICE_TOKENS };

export interface TinyModelRelease {
  /** Folder holding the archive, to serve. */
  dir: string;
  archive: string;
  sha256: string;
  size: number;
  /** The catalog entry an operator would write for it. */
  entry: Record<string, unknown>;
}

/** A tiny model packed the way sherpa-onnx publishes models: `<folder>/{model.onnx,tokens.txt}` in a .tar.bz2. */
export function tinyModelRelease(workDir: string, name = 'tiny-nemo-ctc', model: TinyModel = TINY_NEMO_CTC): TinyModelRelease {
  const folder = join(workDir, 'src', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'model.onnx'), model.onnx);
  writeFileSync(join(folder, 'tokens.txt'), model.tokens.map((text, id) => `${text} ${id}\n`).join(''));
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
      family: model.family,
      languages: model.languages,
      sizeMb: Math.ceil(bytes.length / 1e6),
      archive,
      sha256,
      folder: name,
      files: { model: 'model.onnx', tokens: 'tokens.txt' },
    },
  };
}
