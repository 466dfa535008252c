import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { diarize } from '../../src/diarize/diarize.js';
import type { Word } from '../../src/domain/transcript.js';
import { DiarizeStagePool, type DiarizeStage, type DiarizeTask } from '../../src/pipeline/diarize-stage.js';
import { diarizeWords, mergeChannels, speakerOutput } from '../../src/pipeline/speaker-labels.js';
import { evalItem } from '../helpers/eval-set.js';

const word = (text: string, start: number, end: number, speaker: string | null = null): Word => ({ text, start, end, confidence: 0.8, speaker });

describe('multichannel words', () => {
  const left = [word('he', 0, 300), word('began', 300, 700)];
  const right = [word('the', 100, 250), word('horizon', 900, 1_400)];

  it('interleaves the channels by time, each channel a speaker', () => {
    const merged = mergeChannels([left, right]);
    assert.deepEqual(merged.map((w) => [w.text, w.speaker]), [['he', '1'], ['the', '2'], ['began', '1'], ['horizon', '2']]);
  });

  it('names speakers within a channel after it when they were diarized too', () => {
    const diarized = mergeChannels([left.map((w, i) => ({ ...w, speaker: i === 0 ? 'A' : 'B' })), right.map((w) => ({ ...w, speaker: 'A' }))]);
    assert.deepEqual(diarized.map((w) => w.speaker), ['1A', '2A', '1B', '2A']);
    const { words, utterances } = speakerOutput(diarized, true);
    assert.deepEqual(words.map((w) => w.channel), ['1', '2', '1', '2']);
    assert.deepEqual(utterances.map((u) => [u.speaker, u.channel]), [['1A', '1'], ['2A', '2'], ['1B', '1'], ['2A', '2']]);
  });

  it('names the channel on words and utterances', () => {
    const { words, utterances } = speakerOutput(mergeChannels([left, right]), true);
    assert.ok(words.every((w) => w.channel === w.speaker));
    assert.deepEqual(utterances.map((u) => [u.speaker, u.channel, u.text]), [['1', '1', 'he'], ['2', '2', 'the'], ['1', '1', 'began'], ['2', '2', 'horizon']]);
  });

  it('leaves channel out of diarized transcripts', () => {
    const { words, utterances } = speakerOutput([word('hi', 0, 100, 'A'), word('yo', 200, 300, 'B')], false);
    assert.ok(words.every((w) => !('channel' in w)));
    assert.deepEqual(utterances.map((u) => Object.keys(u).sort()), [['confidence', 'end', 'speaker', 'start', 'text', 'words'], ['confidence', 'end', 'speaker', 'start', 'text', 'words']]);
  });
});

describe('the diarization process', () => {
  const stage = new DiarizeStagePool();
  const dir = mkdtempSync(join(tmpdir(), 'hark-diarize-'));
  after(async () => {
    await stage.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const dialogue = evalItem('espeak_dialogue_two_voices');
  const bytes = execFileSync('ffmpeg', ['-v', 'error', '-i', dialogue.path, '-ac', '1', '-ar', '16000', '-f', 's16le', '-'], { maxBuffer: 1 << 26 });

  const pcmPath = join(dir, 'dialogue.pcm');
  writeFileSync(pcmPath, bytes);
  const samples = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);

  it('diarizes the PCM file as diarize does in this process', async () => {
    const options = { speakersExpected: 2, speech: [{ start: 500, end: 4_313 }, { start: 4_913, end: 8_910 }] };
    assert.deepEqual(await stage.run({ pcmPath, sampleRate: 16_000, options }), diarize(samples, 16_000, options));
  });

  it('finds the speech itself, as diarize does in this process, when given no regions', async () => {
    const turns = await stage.run({ pcmPath, sampleRate: 16_000, options: { speakersExpected: 2 } });
    assert.ok(turns.length > 0);
    assert.deepEqual(turns, diarize(samples, 16_000, { speakersExpected: 2 }));
  });

  it('labels words on the file timeline when the window starts later (audio_start_from)', async () => {
    // One word per turn of the dialogue; the same words 60 s later must meet the turns shifted back.
    const words = [word('one', 500, 4_300), word('two', 4_913, 8_910), word('three', 9_810, 14_149), word('four', 14_749, 18_022), word('five', 18_922, 22_303), word('six', 22_903, 25_864)];
    const shift = 60_000;
    const options = { speakers_expected: 2, speaker_options: null };
    const atStart = await diarizeWords(words, { pcmPath, sampleRate: 16_000, startMs: 0, speech: null }, options, stage);
    const later = await diarizeWords(words.map((w) => ({ ...w, start: w.start + shift, end: w.end + shift })), { pcmPath, sampleRate: 16_000, startMs: shift, speech: null }, options, stage);
    assert.ok(later.every((w) => w.speaker !== null));
    assert.deepEqual(later.map((w) => w.speaker), atStart.map((w) => w.speaker));
    assert.equal(new Set(later.map((w) => w.speaker)).size, 2);
  });

  it('diarizes over the speech the recogniser heard, its short pauses bridged, when it reports any', async () => {
    const heard = [{ startMs: 500, endMs: 2_000 }, { startMs: 2_100, endMs: 4_313 }, { startMs: 4_913, endMs: 8_910 }];
    const tasks: DiarizeTask[] = [];
    const recording: DiarizeStage = { run: (task, signal) => (tasks.push(task), stage.run(task, signal)) };
    const words = [word('one', 500, 4_300), word('two', 4_913, 8_910)];
    const labelled = await diarizeWords(words, { pcmPath, sampleRate: 16_000, startMs: 0, speech: heard }, { speakers_expected: 2, speaker_options: null }, recording);
    assert.deepEqual(tasks.map((task) => task.options.speech), [[{ start: 500, end: 4_313 }, { start: 4_913, end: 8_910 }]]);
    assert.deepEqual(new Set(labelled.map((w) => w.speaker)), new Set(['A', 'B']));
    await diarizeWords(words, { pcmPath, sampleRate: 16_000, startMs: 0, speech: null }, { speakers_expected: 2, speaker_options: null }, recording);
    assert.equal(tasks[1]?.options.speech, undefined, 'ungated: the diarizer finds the speech itself');
  });
});
