import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BandEnergyMeter, isNarrowBandRate, isNarrowBandSpectrum, NARROW_BAND_MAX_HIGH_BAND_DB } from '../../src/audio/narrow-band.js';
import { probeAudio } from '../../src/audio/probe-audio.js';
import { narrowBandFrontEnd } from '../../src/pipeline/narrow-band-front-end.js';
import { convertAudio, scratchDir } from '../helpers/audio-fixtures.js';
import { decodedSamples } from '../helpers/decoded-audio.js';
import { evalItem } from '../helpers/eval-set.js';

const RATE = 16_000;
/** LJ Speech, 22.05 kHz studio recording: wide-band speech. */
const WIDE = evalItem('lj_LJ001-0003').path;
const dir = scratchDir();
/** The same speech as a telephone would carry it: 8 kHz μ-law. */
const EIGHT_KHZ = convertAudio(WIDE, join(dir, 'eight-khz.wav'), ['-ac', '1', '-ar', '8000', '-acodec', 'pcm_mulaw']);
/** Still 16 kHz, but band-limited to 300–3400 Hz by a steep FIR: the rate alone cannot tell. */
const BAND_LIMITED = convertAudio(WIDE, join(dir, 'band-limited.wav'), [
  '-ac', '1', '-ar', '16000', '-af', "firequalizer=gain='if(between(f,300,3400),0,-120)'",
]);
/** Band-limited speech after 20 s of digital silence, as a call put on hold before anyone speaks. */
const LATE_SPEECH = convertAudio(BAND_LIMITED, join(dir, 'late-speech.wav'), ['-af', 'adelay=20000:all=1']);
after(() => rmSync(dir, { recursive: true, force: true }));

async function highBandDb(path: string): Promise<number | null> {
  const meter = new BandEnergyMeter(RATE);
  meter.push(await decodedSamples(path, RATE));
  return meter.highBandDb();
}

/** `samples` in blocks of 2 s, as the pipeline reads them from its PCM file. */
async function* blocks(samples: Int16Array): AsyncGenerator<Int16Array> {
  for (let at = 0; at < samples.length; at += 32_768) yield samples.subarray(at, at + 32_768);
}

/** Runs the front end over `path`; returns its verdict and output. */
async function frontEnd(
  path: string,
): Promise<{ narrowBand: boolean | null; verdictBeforeFirstPiece: boolean; input: Int16Array; output: Int16Array }> {
  const input = await decodedSamples(path, RATE);
  const { sampleRate } = await probeAudio(path);
  let narrowBand: boolean | null = null;
  let verdictBeforeFirstPiece = false;
  const out: Int16Array[] = [];
  for await (const piece of narrowBandFrontEnd(blocks(input), sampleRate, RATE, (verdict) => (narrowBand = verdict))) {
    if (out.length === 0) verdictBeforeFirstPiece = narrowBand !== null;
    out.push(piece);
  }
  const output = new Int16Array(out.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of out) {
    output.set(piece, at);
    at += piece.length;
  }
  return { narrowBand, verdictBeforeFirstPiece, input, output };
}

describe('narrow-band detection', () => {
  it('takes a source sampled at 8 kHz or less as narrow-band', async () => {
    assert.equal(isNarrowBandRate((await probeAudio(EIGHT_KHZ)).sampleRate), true);
    assert.equal(isNarrowBandRate((await probeAudio(BAND_LIMITED)).sampleRate), false);
    assert.equal(isNarrowBandRate((await probeAudio(WIDE)).sampleRate), false);
    assert.equal(isNarrowBandRate(0), false, 'an unknown rate decides nothing');
  });

  it('hears an 8 kHz file upsampled to 16 kHz as empty above 4.4 kHz', async () => {
    const db = await highBandDb(EIGHT_KHZ);
    assert.ok(db !== null && db < NARROW_BAND_MAX_HIGH_BAND_DB, `high band at ${db} dB`);
    assert.equal(isNarrowBandSpectrum(db), true);
  });

  it('hears a 16 kHz file band-limited with ffmpeg as narrow-band', async () => {
    const db = await highBandDb(BAND_LIMITED);
    assert.equal(isNarrowBandSpectrum(db), true, `high band at ${db} dB`);
  });

  it('leaves wide-band speech wide-band, with a wide margin', async () => {
    const db = await highBandDb(WIDE);
    assert.ok(db !== null && db > NARROW_BAND_MAX_HIGH_BAND_DB + 20, `high band at ${db} dB`);
    assert.equal(isNarrowBandSpectrum(db), false);
  });

  it('ignores silence: nothing heard decides nothing, and leading silence does not hide the band', async () => {
    const meter = new BandEnergyMeter(RATE);
    meter.push(new Int16Array(RATE * 5));
    assert.equal(meter.highBandDb(), null);
    assert.equal(isNarrowBandSpectrum(meter.highBandDb()), false);
    assert.equal(isNarrowBandSpectrum(await highBandDb(LATE_SPEECH)), true);
  });
});

describe('narrow-band front end', () => {
  it('passes wide-band audio on byte for byte', async () => {
    const { narrowBand, input, output } = await frontEnd(WIDE);
    assert.equal(narrowBand, false);
    assert.deepEqual(output, input);
  });

  it('passes telephone audio on byte for byte, heard as narrow-band before its first piece', async () => {
    for (const path of [EIGHT_KHZ, LATE_SPEECH]) {
      const { narrowBand, verdictBeforeFirstPiece, input, output } = await frontEnd(path);
      assert.equal(narrowBand, true, path);
      assert.equal(verdictBeforeFirstPiece, true, path);
      assert.deepEqual(output, input, path);
    }
  });
});
