import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { RecognitionEngine } from '../../src/engines/engine.js';
import { EMBEDDED_MODEL } from '../../src/engines/engine-registry.js';
import { pooledWer, werCounts } from '../../src/lib/word-error-rate.js';
import { pipelineSegmenter, type RecognizedAudio } from '../../src/pipeline/recognize-audio.js';
import type { AudioSegment } from '../../src/segment/silence-segmenter.js';
import { decodedSamples, recognizeFile } from '../helpers/decoded-audio.js';
import { evalItem } from '../helpers/eval-set.js';
import { startHark, type RunningHark } from '../helpers/hark.js';

/**
 * A long recording is cut at pauses into segments that the recognizer's decoders decode in parallel;
 * the words must come back in spoken order, on the file's timeline. The file is 32 LJ Speech
 * sentences joined with 0.35 s gaps, whose true times are in its `.segments.tsv`.
 */
const LONGFORM = evalItem('long_lj001_concat');

interface Sentence {
  startMs: number;
  endMs: number;
  text: string;
}

function sentences(): Sentence[] {
  const [, ...rows] = readFileSync(LONGFORM.path.replace(/\.wav$/, '.segments.tsv'), 'utf8').trimEnd().split('\n');
  return rows.map((row) => {
    const [, start = '0', end = '0', text = ''] = row.split('\t');
    return { startMs: Number(start) * 1000, endMs: Number(end) * 1000, text };
  });
}

/** The segments the pipeline cuts the file into (same decoder, same segmenter settings). */
async function segmentsOf(path: string, engine: RecognitionEngine): Promise<AudioSegment[]> {
  const segmenter = pipelineSegmenter(engine);
  return [...segmenter.push(await decodedSamples(path, engine.sampleRate)), ...segmenter.finish()];
}

describe('chunk reassembly on a long recording', () => {
  let hark: RunningHark;
  let engine: RecognitionEngine;
  let run: RecognizedAudio;
  let segments: AudioSegment[];

  before(async () => {
    // Without speaker adaptation, which carries what earlier segments taught to later ones: a segment
    // then decodes alone exactly as within the run, so the run's words can be checked segment by segment.
    hark = await startHark({ HARK_SPEAKER_ADAPTATION: '0' });
    // The service's own engine: decoders in one recognizer process that decode segments side by side.
    engine = hark.app.engines.get(EMBEDDED_MODEL);
    run = await recognizeFile(LONGFORM.path, engine);
    segments = await segmentsOf(LONGFORM.path, engine);
  });
  after(() => hark.close());

  it('cuts the file into many segments, decoded more than one at a time', () => {
    assert.ok(segments.length >= 8, `${segments.length} segments`);
    assert.ok(engine.parallelism >= 2);
    assert.equal(run.narrowBand, false);
  });

  it('returns the words in order, with times that never run backwards', () => {
    assert.ok(run.words.length > 300, `${run.words.length} words`);
    for (const [index, word] of run.words.entries()) {
      assert.ok(word.endMs > word.startMs, `word ${index} '${word.text}' ends before it starts`);
      const previous = run.words[index - 1];
      if (previous) assert.ok(word.startMs >= previous.endMs, `word ${index} '${word.text}' starts before '${previous.text}' ends`);
    }
    const last = run.words.at(-1);
    assert.ok(last && last.endMs <= LONGFORM.durationSeconds * 1000 + 10);
  });

  it('places every segment\'s words exactly where decoding that segment alone puts them, plus its offset', async () => {
    const msPerSample = 1000 / engine.sampleRate;
    // Segments from the middle and the end: their offsets are far from zero.
    for (const segment of [segments[Math.floor(segments.length / 2)], segments.at(-1)] as AudioSegment[]) {
      const offsetMs = segment.offsetSamples * msPerSample;
      const endMs = offsetMs + segment.samples.length * msPerSample;
      const alone = (await engine.recognize(segment.samples)).words.map((word) => ({ ...word, startMs: word.startMs + offsetMs, endMs: word.endMs + offsetMs }));
      assert.ok(alone.length > 0);
      const inRun = run.words.filter((word) => word.startMs >= offsetMs && word.startMs < endMs);
      assert.deepEqual(inRun, alone);
    }
  });

  it('puts each sentence\'s words within that sentence\'s true time span', () => {
    // A segment placed at the wrong offset would move its words into other sentences' spans.
    const counts = sentences().map((sentence) => {
      const heard = run.words.filter((word) => {
        const middle = (word.startMs + word.endMs) / 2;
        return middle >= sentence.startMs - 175 && middle < sentence.endMs + 175;
      });
      return werCounts(sentence.text, heard.map((word) => word.text).join(' '));
    });
    const wholeFile = werCounts(LONGFORM.reference, run.words.map((word) => word.text).join(' '));
    const bySentence = pooledWer(counts);
    // Today 0.228 both ways; words after 60 s moved by 2 s would score 0.53.
    assert.ok(bySentence <= pooledWer([wholeFile]) + 0.03, `WER by sentence span ${bySentence}, whole file ${pooledWer([wholeFile])}`);
    assert.ok(bySentence < 0.3, `WER by sentence span ${bySentence}`);
  });
});
