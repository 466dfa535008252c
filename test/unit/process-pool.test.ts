import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { PoolStartError, ProcessPool } from '../../src/lib/process-pool.js';

describe('process pool', () => {
  it('fails its work, rather than respawning forever, when children die before they are ready', async () => {
    const pool = new ProcessPool<number, number>({
      modulePath: fileURLToPath(new URL('../helpers/child-exiting-at-start.js', import.meta.url)),
      size: 2,
      env: { HARK_TEST_EXIT_AT_START: '1' },
    });
    try {
      await assert.rejects(pool.run(1), (error: unknown) => {
        assert.ok(error instanceof PoolStartError);
        assert.match(error.message, /exited while loading its model \(code 3\)/);
        return true;
      });
      await assert.rejects(pool.run(2), PoolStartError);
    } finally {
      await pool.close();
    }
  });
});
