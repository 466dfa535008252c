import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { sileroSpeech } from '../../../src/diarize/silero-speech.js';
import { bridgePauses, BRIDGE_MS } from '../../../src/diarize/speech-regions.js';
import { evalItem } from '../../helpers/eval-set.js';

function decode(path: string): Int16Array {
  const bytes = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-ac', '1', '-ar', '16000', '-f', 's16le', '-'], { maxBuffer: 1 << 26 });
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

const seconds = (spans: readonly { start: number; end: number }[]): number => spans.reduce((sum, s) => sum + s.end - s.start, 0) / 1000;

describe('speech regions', () => {
  it('bridges pauses shorter than a turn gap and keeps longer ones', () => {
    const spans = [{ start: 0, end: 200 }, { start: 200 + BRIDGE_MS - 1, end: 600 }, { start: 600 + BRIDGE_MS, end: 1_500 }, { start: 1_400, end: 1_450 }];
    assert.deepEqual(bridgePauses(spans), [{ start: 0, end: 600 }, { start: 600 + BRIDGE_MS, end: 1_500 }]);
    assert.deepEqual(bridgePauses([]), []);
  });

  it('finds a reader’s speech with Silero and none in music on hold', () => {
    const reading = sileroSpeech(decode(evalItem('lj_LJ001-0001').path));
    assert.ok(seconds(reading) > 7, `${seconds(reading)} s of the 9.7 s clip`);
    assert.deepEqual(sileroSpeech(decode(evalItem('ns_moh_macroform_cold_day').path)), []);
  });
});
