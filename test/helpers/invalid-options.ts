import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postJson } from './aimlapi-client.js';
import { startHark, TEST_KEY, type RunningHark } from './hark.js';

/**
 * A suite checking that every case is refused with 400 and its message on both surfaces that take
 * options. Validation happens before any audio is fetched, so no job runs.
 */
export function describeInvalidOptions(title: string, cases: readonly [Record<string, unknown>, RegExp][]): void {
  describe(title, () => {
    let hark: RunningHark;
    before(async () => {
      hark = await startHark();
    });
    after(() => hark.close());

    it('POST /v2/transcript answers {"error": "<param> …"}', async () => {
      for (const [options, message] of cases) {
        const response = await fetch(`${hark.url}/v2/transcript`, {
          method: 'POST',
          headers: { authorization: TEST_KEY, 'content-type': 'application/json' },
          body: JSON.stringify({ audio_url: 'http://127.0.0.1:9/a.wav', ...options }),
        });
        const body = (await response.json()) as { error: string };
        assert.equal(response.status, 400, JSON.stringify(options));
        assert.match(body.error, message);
      }
    });

    it('POST /v1/stt/create answers the AI/ML API envelope with the same message', async () => {
      for (const [options, message] of cases) {
        const response = await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1', url: 'http://127.0.0.1:9/a.wav', ...options });
        assert.equal(response.status, 400, JSON.stringify(options));
        assert.match((response.body.message as string).replace(/^Body validation error: /, ''), message);
      }
    });
  });
}
