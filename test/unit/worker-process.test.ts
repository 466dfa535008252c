import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ProcessExitedError, ProcessStartError, WorkerProcess } from '../../src/lib/worker-process.js';
import type { TimingResult, TimingTask } from '../helpers/child-timing-tasks.js';

const timingChild = (concurrency: number, startOnFirstTask = false): WorkerProcess<TimingTask, TimingResult> =>
  new WorkerProcess({ modulePath: fileURLToPath(new URL('../helpers/child-timing-tasks.js', import.meta.url)), concurrency, startOnFirstTask });

const overlap = (a: TimingResult, b: TimingResult): boolean => a.startedAt < b.endedAt && b.startedAt < a.endedAt;

describe('worker process', () => {
  it('fails its work, rather than respawning forever, when the child dies before it is ready', async () => {
    const worker = new WorkerProcess<number, number>({
      modulePath: fileURLToPath(new URL('../helpers/child-exiting-at-start.js', import.meta.url)),
      concurrency: 2,
      env: { HARK_TEST_EXIT_AT_START: '1' },
    });
    try {
      await assert.rejects(worker.run(1), (error: unknown) => {
        assert.ok(error instanceof ProcessStartError);
        assert.match(error.message, /exited while loading its model \(code 3\)/);
        return true;
      });
      await assert.rejects(worker.run(2), ProcessStartError);
    } finally {
      await worker.close();
    }
  });

  it('works on as many tasks at once as its concurrency, in one process, and queues the rest', async () => {
    const worker = timingChild(2);
    try {
      const [a, b, c] = await Promise.all([worker.run({ waitMs: 400 }), worker.run({ waitMs: 400 }), worker.run({ waitMs: 50 })]);
      assert.ok(a && b && c);
      assert.deepEqual(new Set([a.pid, b.pid, c.pid]).size, 1, 'one process');
      assert.equal(a.concurrency, 2, 'the child is told its concurrency');
      assert.equal(a.mallocArenas, process.env.MALLOC_ARENA_MAX ?? '1', 'one malloc arena unless the server sets otherwise');
      assert.deepEqual(a.execArgv, process.execArgv, "the child runs with the server's Node flags");
      assert.ok(overlap(a, b), 'the first two ran side by side');
      assert.ok(c.startedAt >= Math.min(a.endedAt, b.endedAt), 'the third waited for a free slot');
    } finally {
      await worker.close();
    }
  });

  it('rejects every task in flight when the process dies, and carries on in a new one', async () => {
    const worker = timingChild(2);
    try {
      const first = await worker.run({ waitMs: 0 });
      const results = await Promise.allSettled([worker.run({ waitMs: 2_000 }), worker.run({ waitMs: 2_000, exit: true })]);
      for (const result of results) {
        assert.equal(result.status, 'rejected');
        assert.ok(result.reason instanceof ProcessExitedError, String(result.reason));
      }
      const after = await worker.run({ waitMs: 0 });
      assert.notEqual(after.pid, first.pid);
    } finally {
      await worker.close();
    }
  });

  it('starts its process at once, or with the first task when asked to', async () => {
    for (const startOnFirstTask of [false, true]) {
      const worker = timingChild(1, startOnFirstTask);
      try {
        await sleep(500);
        const firstTaskAt = Date.now();
        const result = await worker.run({ waitMs: 0 });
        assert.equal(result.processStartedAt >= firstTaskAt, startOnFirstTask, `startOnFirstTask: ${startOnFirstTask}`);
      } finally {
        await worker.close();
      }
    }
  });
});
