import assert from 'node:assert/strict';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeToPcmFile, readPcmFile } from '../../src/audio/decode-audio.js';
import { HarkError } from '../../src/domain/errors.js';
import { fullDisk, makeTone, scratchDir } from '../helpers/audio-fixtures.js';
import { WHOLE_FILE } from '../helpers/decoded-audio.js';

const RATE = 16_000;
const dir = scratchDir();
after(() => rmSync(dir, { recursive: true, force: true }));

describe('decoding to a PCM file', () => {
  it('writes the window as 16-bit samples and reads them back in blocks of at most 2 s', async () => {
    const tone = makeTone(join(dir, 'tone.wav'), 5);
    const pcm = join(dir, 'tone.pcm');
    await decodeToPcmFile(tone, RATE, { startMs: 1_000, endMs: 4_500 }, null, pcm);
    assert.equal(statSync(pcm).size, 3.5 * RATE * 2);
    const blocks: Int16Array[] = [];
    for await (const block of readPcmFile(pcm)) blocks.push(block);
    assert.ok(blocks.every((block) => block.length > 0 && block.length <= 32_768));
    assert.equal(blocks.reduce((sum, block) => sum + block.length, 0), 3.5 * RATE);
    assert.ok(Math.max(...blocks.map((block) => Math.max(...block))) > 2_000, 'the tone (amplitude 1/8), not silence');
  });

  it('fails as a retryable scratch-folder error when the disk is full, however far ffmpeg got', async () => {
    // ffmpeg exits 0 when only its final flush fails (2 s) and 1 when a write mid-stream fails (60 s):
    // both must fail the decode.
    for (const seconds of [2, 60]) {
      const tone = makeTone(join(dir, `tone-${seconds}.wav`), seconds);
      await assert.rejects(decodeToPcmFile(tone, RATE, WHOLE_FILE, null, fullDisk(dir)), (error: unknown) => {
        assert.ok(error instanceof HarkError);
        assert.equal(error.code, 'DISK_FULL', `${seconds} s: ${error.message}`);
        assert.equal(error.retryable, true);
        assert.match(error.message, /No space left on device/);
        return true;
      });
    }
  });
});
