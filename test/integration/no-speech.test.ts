import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { transcribeFile } from '../helpers/aimlapi-client.js';
import { evalItems } from '../helpers/eval-set.js';
import { startHark, type RunningHark } from '../helpers/hark.js';

/** AssemblyAI refuses audio shorter than this, and so does Hark. */
const SHORTEST_SECONDS = 0.16;

/**
 * Every no-speech recording of the eval set (music on hold, noise, tones, alarms, silence) through the
 * whole API: the right transcript is empty, and the decoder alone invents about ten words per clip.
 */
describe('audio without speech', () => {
  let hark: RunningHark;
  before(async () => {
    hark = await startHark();
  });
  after(() => hark.close());

  it('yields at most one word per clip on average', async () => {
    const clips = evalItems().filter((item) => item.category === 'nonspeech' && item.durationSeconds >= SHORTEST_SECONDS);
    assert.ok(clips.length >= 15);
    const texts = await Promise.all(
      clips.map(async (item) => {
        const generation = await transcribeFile(hark.url, item.path, item.file);
        assert.equal(generation.status, 'completed', item.id);
        return (generation.result as { text: string }).text;
      }),
    );
    const words = texts.join(' ').split(/\s+/).filter((word) => word !== '').length;
    assert.ok(words / clips.length <= 1, `${words} words over ${clips.length} clips: ${JSON.stringify(texts)}`);
  });
});
