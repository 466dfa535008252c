import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { describe, it } from 'node:test';
import { WorkerExitedError, WorkerStartError, TaskWorker, type TaskWorkerOptions } from '../../src/lib/task-worker.js';
import type { TimingResult, TimingTask } from '../helpers/child-timing-tasks.js';

type Isolation = NonNullable<TaskWorkerOptions['isolation']>;

const timingChild = (isolation: Isolation, concurrency: number, startOnFirstTask = false): TaskWorker<TimingTask, TimingResult> =>
  new TaskWorker({ modulePath: fileURLToPath(new URL('../helpers/child-timing-tasks.js', import.meta.url)), concurrency, isolation, startOnFirstTask });

const overlap = (a: TimingResult, b: TimingResult): boolean => a.startedAt < b.endedAt && b.startedAt < a.endedAt;
/** Which child a task ran in: its process, or its thread of this process. */
const childOf = (result: TimingResult): string => `${result.pid}/${result.threadId}`;

for (const isolation of ['process', 'thread'] as const) {
  describe(`task worker in a ${isolation}`, () => {
    it('fails its work, rather than respawning forever, when the child dies before it is ready', async () => {
      const worker = new TaskWorker<number, number>({
        modulePath: fileURLToPath(new URL('../helpers/child-exiting-at-start.js', import.meta.url)),
        concurrency: 2,
        isolation,
        env: { HARK_TEST_EXIT_AT_START: '1' },
      });
      try {
        await assert.rejects(worker.run(1), (error: unknown) => {
          assert.ok(error instanceof WorkerStartError);
          assert.match(error.message, /exited while loading its model \(code 3\)/);
          return true;
        });
        await assert.rejects(worker.run(2), WorkerStartError);
      } finally {
        await worker.close();
      }
    });

    it('works on as many tasks at once as its concurrency, in one child, and queues the rest', async () => {
      const worker = timingChild(isolation, 2);
      try {
        const [a, b, c] = await Promise.all([worker.run({ waitMs: 400 }), worker.run({ waitMs: 400 }), worker.run({ waitMs: 50 })]);
        assert.ok(a && b && c);
        assert.equal(new Set([childOf(a), childOf(b), childOf(c)]).size, 1, 'one child');
        assert.equal(a.concurrency, 2, 'the child is told its concurrency');
        if (isolation === 'process') {
          assert.notEqual(a.pid, process.pid);
          assert.equal(a.mallocArenas, process.env.MALLOC_ARENA_MAX ?? '1', 'one malloc arena unless the server sets otherwise');
          assert.deepEqual(a.execArgv, process.execArgv, "the child runs with the server's Node flags");
        } else {
          assert.equal(a.pid, process.pid, "a thread of the server's process");
          assert.notEqual(a.threadId, threadId);
        }
        assert.ok(overlap(a, b), 'the first two ran side by side');
        assert.ok(c.startedAt >= Math.min(a.endedAt, b.endedAt), 'the third waited for a free slot');
      } finally {
        await worker.close();
      }
    });

    for (const death of ['exit', 'throwUncaught'] as const) {
      it(`rejects every task in flight when the child dies (${death}), and carries on in a new one`, async () => {
        const worker = timingChild(isolation, 2);
        try {
          const first = await worker.run({ waitMs: 0 });
          const results = await Promise.allSettled([worker.run({ waitMs: 2_000 }), worker.run({ waitMs: 2_000, [death]: true })]);
          for (const result of results) {
            assert.equal(result.status, 'rejected');
            assert.ok(result.reason instanceof WorkerExitedError, String(result.reason));
          }
          const { message } = (results[0] as PromiseRejectedResult).reason as Error;
          // A thread's uncaught exception reaches the server as an event, with its message.
          if (death === 'exit') assert.match(message, /code 5/);
          else if (isolation === 'thread') assert.match(message, /uncaught in the child/);
          const after = await worker.run({ waitMs: 0 });
          assert.notEqual(childOf(after), childOf(first));
        } finally {
          await worker.close();
        }
      });
    }

    it('starts its child at once, or with the first task when asked to', async () => {
      for (const startOnFirstTask of [false, true]) {
        const worker = timingChild(isolation, 1, startOnFirstTask);
        try {
          await sleep(500);
          const firstTaskAt = Date.now();
          const result = await worker.run({ waitMs: 0 });
          assert.equal(result.childStartedAt >= firstTaskAt, startOnFirstTask, `startOnFirstTask: ${startOnFirstTask}`);
        } finally {
          await worker.close();
        }
      }
    });
  });
}
