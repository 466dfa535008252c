/**
 * Who spoke when, from the signal alone: speech regions → overlapping windows → speaker embeddings
 * → over-split clustering → frame-level resegmentation → speaker-count merging → resegmentation.
 * Without a given count this runs twice over the same frame model: long windows decide how many
 * speakers there are, short ones place their turns. Synchronous and CPU-bound with no I/O, so
 * callers run it off the event loop (a worker thread or the recognizer's child process). Cost is
 * linear in audio length: about 0.5 s per minute.
 */
import { cepstra, frameFeatures, FRAME_MS } from './features.js';
import { detectSpeech, type TimeSpan } from './speech-regions.js';
import { SILERO_SAMPLE_RATE, sileroSpeech } from './silero-speech.js';
import { cutWindows, type AnalysisWindow, type WindowSettings } from './windows.js';
import { componentPosteriors, shortlist, trainGmm } from './gmm.js';
import { cepstralStatistics, type SpeakerEmbedder } from './embedding.js';
import { scaleByNeighbourSpread } from './neighbour-scaling.js';
import { initialClusters } from './clustering.js';
import { resegment, type ResegmentInput } from './resegment.js';
import { mergeSpeakers, type SpeakerCount } from './speaker-count.js';

export interface SpeakerTurn {
  /** ms */
  start: number;
  /** ms */
  end: number;
  /** 0, 1, … in order of first appearance. */
  speaker: number;
}

export interface DiarizeOptions {
  /** Exact number of speakers; wins over min/max. */
  speakersExpected?: number;
  minSpeakers?: number;
  maxSpeakers?: number;
  /** Speech regions (ms), if the caller knows them; otherwise Silero VAD finds them (at 16 kHz; energy at other rates). */
  speech?: readonly TimeSpan[];
  /** The embedding step; signal statistics unless a stronger model is plugged in. */
  embedder?: SpeakerEmbedder;
}

const MEL_BANDS = 40;
/** c1…c19: the usual speaker-recognition cepstra at 16 kHz. */
const CEPSTRA = 19;
/** The speaker-count Gaussians use c1…c12 only: full covariances over 19 dims need more frames than short turns have. */
const COUNT_CEPSTRA = 12;
/** Windows that place turns: short enough for the brief turns of a conversation. */
const WINDOW: WindowSettings = { lengthMs: 1_500, hopMs: 750 };
/**
 * Windows that decide the count. A 3 s window averages over more phones than a 1.5 s one, so one
 * talker's windows scatter less and fewer clusters of one voice survive merging. Checked on audio
 * the diarizer is not scored on (bench/speaker-count-check.ts, Silero speech regions): one speaker
 * found on 167 of the eval set's 178 single-talker files against 162 with WINDOW, and the count
 * right on 65 against 61 of 72 conversations built from them. Long windows blur turns shorter than a
 * window, so the turns are placed with WINDOW once the count is known.
 */
const COUNT_WINDOW: WindowSettings = { lengthMs: 3_000, hopMs: 1_500 };
/** Background model: 32 diagonal Gaussians trained on at most 30 000 speech frames (5 minutes), 4 EM passes per split. */
const UBM = { components: 32, trainingFrames: 30_000, iterationsPerSplit: 4 };
/** Background components scored per frame during resegmentation. */
const SHORTLIST = 5;
/** Clusters before merging: more than the speakers of a typical meeting, so merging decides the count. */
const INITIAL_CLUSTERS = 8;
const RESEGMENT = { relevance: 16, switchPenalty: 20, iterations: 3 };

/** Validates the count options and resolves them to the constraint the merging step honours. */
export function speakerCount(options: Pick<DiarizeOptions, 'speakersExpected' | 'minSpeakers' | 'maxSpeakers'>): SpeakerCount {
  const check = (name: string, value: number | undefined): void => {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  };
  check('speakersExpected', options.speakersExpected);
  check('minSpeakers', options.minSpeakers);
  check('maxSpeakers', options.maxSpeakers);
  const min = options.minSpeakers ?? 1;
  const max = options.maxSpeakers ?? Infinity;
  if (min > max) throw new RangeError(`minSpeakers (${min}) exceeds maxSpeakers (${max})`);
  return options.speakersExpected === undefined ? { min, max } : { exactly: options.speakersExpected, min, max };
}

/** Sorted, merged, clipped to the audio; frame-aligned. */
function speechFrameRegions(regions: readonly TimeSpan[], frameCount: number): [number, number][] {
  const spans = regions
    .map((r) => [Math.max(0, Math.floor(r.start / FRAME_MS)), Math.min(frameCount, Math.ceil(r.end / FRAME_MS))] as [number, number])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/** Cepstral mean and variance normalisation over the speech frames, so channel and level drop out. */
function normalise(values: Float32Array, dim: number, speechFrames: Int32Array): void {
  for (let i = 0; i < dim; i++) {
    let sum = 0;
    let squares = 0;
    for (const f of speechFrames) {
      const v = values[f * dim + i] as number;
      sum += v;
      squares += v * v;
    }
    const mean = sum / speechFrames.length;
    const sd = Math.sqrt(Math.max(squares / speechFrames.length - mean * mean, 1e-9));
    for (let f = 0; f < values.length / dim; f++) values[f * dim + i] = ((values[f * dim + i] as number) - mean) / sd;
  }
}

/** The background model, trained on evenly spaced speech frames. */
function backgroundModel(frames: Float32Array, dim: number, speechFrames: Int32Array) {
  const stride = Math.max(1, Math.floor(speechFrames.length / UBM.trainingFrames));
  const picked = speechFrames.filter((_, i) => i % stride === 0);
  const training = new Float32Array(picked.length * dim);
  picked.forEach((f, row) => training.set(frames.subarray(f * dim, (f + 1) * dim), row * dim));
  return trainGmm(training, dim, UBM.components, UBM.iterationsPerSplit);
}

/** Frame labels from window labels: each window speaks for the slice of time it owns. */
function frameLabels(windows: readonly AnalysisWindow[], windowLabels: readonly number[], frameCount: number): Int32Array {
  const labels = new Int32Array(frameCount).fill(-1);
  windows.forEach((w, i) => {
    const to = Math.min(frameCount, Math.ceil(w.owned.end / FRAME_MS));
    for (let f = Math.floor(w.owned.start / FRAME_MS); f < to; f++) labels[f] = windowLabels[i] as number;
  });
  return labels;
}

/** Runs of equal labels → turns, with speakers renumbered in order of first appearance. */
function toTurns(labels: Int32Array): SpeakerTurn[] {
  const order = new Map<number, number>();
  const turns: SpeakerTurn[] = [];
  let start = 0;
  for (let f = 1; f <= labels.length; f++) {
    const label = labels[start] as number;
    if (f < labels.length && labels[f] === label) continue;
    if (label >= 0) {
      if (!order.has(label)) order.set(label, order.size);
      turns.push({ start: start * FRAME_MS, end: f * FRAME_MS, speaker: order.get(label) as number });
    }
    start = f;
  }
  return turns;
}

/** What both clustering passes share: the normalised frames, their background model and the speech. */
interface FrameModel extends ResegmentInput {
  samples: Int16Array;
  sampleRate: number;
  frameCount: number;
}

/** Frame features and the background model; null when there is no speech. */
function frameModel(samples: Int16Array, sampleRate: number, speech: readonly TimeSpan[] | undefined): FrameModel | null {
  const features = frameFeatures(samples, sampleRate, MEL_BANDS);
  const { frameCount } = features;
  const detected = (): TimeSpan[] => (sampleRate === SILERO_SAMPLE_RATE ? sileroSpeech(samples) : detectSpeech(features.logPower));
  const regions = speechFrameRegions(speech ?? detected(), frameCount);
  const speechFrames = Int32Array.from(regions.flatMap(([from, to]) => Array.from({ length: to - from }, (_, i) => from + i)));
  if (speechFrames.length === 0) return null;

  const frames = cepstra(features, CEPSTRA);
  normalise(frames, CEPSTRA, speechFrames);
  const ubm = backgroundModel(frames, CEPSTRA, speechFrames);
  const posteriors = new Float64Array(frameCount * ubm.components);
  componentPosteriors(ubm, frames, posteriors);
  return {
    samples,
    sampleRate,
    frameCount,
    frames,
    dim: CEPSTRA,
    ubm,
    posteriors,
    regions,
    shortlist: shortlist(posteriors, ubm.components, SHORTLIST),
    shortlistSize: SHORTLIST,
  };
}

/** One clustering pass with windows of the given size: a speaker label per frame (-1 outside speech). */
function labelFrames(model: FrameModel, embedder: SpeakerEmbedder, window: WindowSettings, count: SpeakerCount): Int32Array {
  const { samples, sampleRate, frames, frameCount, regions } = model;
  const windows = cutWindows(regions.map(([from, to]) => ({ start: from * FRAME_MS, end: to * FRAME_MS })), window);
  const embeddings = scaleByNeighbourSpread(embedder.embed({ samples, sampleRate, frames, dim: CEPSTRA }, windows), windows);
  const required = count.exactly ?? count.min;
  const windowLabels = initialClusters(embeddings, Math.max(INITIAL_CLUSTERS, required));

  const settings = { ...RESEGMENT, minSpeakers: required };
  const labels = resegment(model, frameLabels(windows, windowLabels, frameCount), settings);
  mergeSpeakers(frames, CEPSTRA, COUNT_CEPSTRA, labels, count);
  return resegment(model, labels, settings);
}

const speakersIn = (labels: Int32Array): number => new Set(labels.filter((label) => label >= 0)).size;

/**
 * Speaker turns of 16-bit mono audio, in time order and non-overlapping. Silence gets no turn.
 * Without `speakersExpected` the count is estimated within [minSpeakers, maxSpeakers], and at most
 * 8 unless minSpeakers asks for more.
 */
export function diarize(samples: Int16Array, sampleRate: number, options: DiarizeOptions = {}): SpeakerTurn[] {
  const count = speakerCount(options);
  const model = frameModel(samples, sampleRate, options.speech);
  if (!model) return [];
  const embedder = options.embedder ?? cepstralStatistics;
  if (count.exactly !== undefined) return toTurns(labelFrames(model, embedder, WINDOW, count));
  const counted = labelFrames(model, embedder, COUNT_WINDOW, count);
  const speakers = speakersIn(counted);
  // One speaker has no turns to place.
  if (speakers <= 1) return toTurns(counted);
  return toTurns(labelFrames(model, embedder, WINDOW, { ...count, exactly: speakers }));
}
