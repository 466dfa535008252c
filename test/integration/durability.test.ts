import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getJson, postJson, waitForGeneration } from '../helpers/aimlapi-client.js';
import { evalDir, evalItem } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHarkProcess, testEnv } from '../helpers/hark.js';

const clip = evalItem('lj_LJ001-0001');

/** Lines of a process log that say `message` for `jobId`. */
function logLines(logs: string, jobId: string, message: string): Record<string, unknown>[] {
  return logs
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.jobId === jobId && entry.msg === message);
}

async function waitUntilActive(url: string, id: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { body } = await getJson(`${url}/v1/stt/${id}`);
    if (body.status === 'active') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${id} never became active`);
}

describe('durable jobs across restarts', () => {
  let files: FileServer;
  before(async () => {
    files = await startFileServer(evalDir());
  });
  after(() => files.close());

  for (const [how, signal] of [['a crash (SIGKILL)', 'SIGKILL'], ['a graceful stop (SIGTERM)', 'SIGTERM']] as const) {
    it(`finishes every queued and running job exactly once after ${how}`, async () => {
      // One job at a time and a short lease, so some jobs are queued and one is running at the kill.
      const env = testEnv({ HARK_JOB_CONCURRENCY: '1', HARK_ENGINE_WORKERS: '1', HARK_JOB_LEASE_MS: '2000' });
      const first = await startHarkProcess(env);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const created = await postJson(`${first.url}/v1/stt/create`, { model: 'aai/slam-1', url: `${files.url}/${clip.file}` });
        assert.equal(created.status, 200);
        ids.push(created.body.generation_id as string);
      }
      const running = ids[0] as string;
      await waitUntilActive(first.url, running);
      await first.kill(signal);
      const firstLogs = first.logs();

      const second = await startHarkProcess(env);
      try {
        for (const id of ids) {
          const { generation } = await waitForGeneration(second.url, id, { timeoutMs: 90_000 });
          assert.equal(generation.status, 'completed', `${id}: ${JSON.stringify(generation.error)}`);
          assert.ok((generation.result as { words: unknown[] }).words.length > 0);
        }
      } finally {
        await second.kill('SIGTERM');
      }
      const logs = firstLogs + second.logs();
      for (const id of ids) {
        assert.equal(logLines(logs, id, 'job completed').length, 1, `${id} completed exactly once`);
      }
      const restarted = logLines(second.logs(), running, 'job started');
      assert.equal(restarted.length, 1);
      // A crash costs the interrupted job an attempt; a graceful stop hands it back without one.
      assert.equal(restarted[0]?.attempt, signal === 'SIGKILL' ? 2 : 1);
      if (signal === 'SIGTERM') assert.equal(logLines(firstLogs, running, 'job handed back').length, 1);
    });
  }
});
