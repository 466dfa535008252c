import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { onTinyDisk } from '../helpers/audio-fixtures.js';
import { getJson, postJson, waitForGeneration } from '../helpers/aimlapi-client.js';
import { evalDir, evalItem } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHarkProcess, TEST_KEY, testEnv, type HarkProcess } from '../helpers/hark.js';

const clip = evalItem('lj_LJ001-0001');

/** Lines of a process log that say `message` for `jobId`. */
function logLines(logs: string, jobId: string, message: string): Record<string, unknown>[] {
  return logs
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.jobId === jobId && entry.msg === message);
}

/**
 * Options of ~800 KB: every write of such a job's row is larger than what SQLite's write-ahead log can
 * still take once the disk is full, even after the job deletes its decoded audio (~300 KB), so those
 * writes fail every time rather than by chance.
 */
const BIG_OPTIONS = { custom_spelling: Array.from({ length: 20_000 }, (_, i) => ({ from: [`zzqx${i}`], to: `Zzqx${i}` })) };

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, context: () => string = () => ''): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}${context()}`);
}

/** Fills the disk holding `dir` with one file; returns a function that frees the space again. */
function fillDisk(dir: string): () => void {
  const path = join(dir, 'filler');
  const { bavail, bsize } = statfsSync(dir);
  try {
    writeFileSync(path, Buffer.alloc(bavail * bsize));
  } catch {
    // ENOSPC with the file as large as the disk allowed: full, as wanted.
  }
  return () => rmSync(path);
}

const waitForLog = (hark: HarkProcess, jobId: string, message: string): Promise<void> =>
  waitFor(() => logLines(hark.logs(), jobId, message).length > 0, `'${message}' in the log`, () => `:\n${hark.logs().slice(-6000)}`);

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

  it('keeps serving on a full disk: new jobs get 503, the job it was running finishes once there is space', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hark-full-disk-'));
    await onTinyDisk(
      t,
      dataDir,
      async () => {
        const env = testEnv({ HARK_DATA_DIR: dataDir, HARK_JOB_CONCURRENCY: '1', HARK_ENGINE_WORKERS: '1', HARK_JOB_LEASE_MS: '2000' });
        const hark = await startHarkProcess(env);
        // The job's download waits until the disk is full, so the job cannot end before it is.
        let diskFilled = false;
        const waiting: (() => void)[] = [];
        files.route('/held.wav', (_request, response) => {
          const send = (): void => void response.writeHead(200, { 'content-type': 'audio/wav' }).end(readFileSync(clip.path));
          if (diskFilled) send();
          else waiting.push(send);
        });
        try {
          const created = await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1', url: `${files.url}/held.wav`, ...BIG_OPTIONS });
          assert.equal(created.status, 200);
          const id = created.body.generation_id as string;
          await waitUntilActive(hark.url, id);
          const freeSpace = fillDisk(dataDir);
          diskFilled = true;
          for (const send of waiting.splice(0)) send();

          const refused = await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1', url: `${files.url}/${clip.file}`, ...BIG_OPTIONS });
          assert.equal(refused.status, 503, JSON.stringify(refused.body));
          assert.equal(refused.body.message, 'Service unavailable');
          // The running job cannot store its audio, nor then record how it ended: the server logs it and carries on.
          await waitForLog(hark, id, 'could not record the job outcome; it runs again when its lease expires');
          assert.equal((await getJson(`${hark.url}/v1/stt/${id}`)).status, 200);
          assert.equal(hark.child.exitCode, null, 'the server is still running');

          freeSpace();
          const { generation } = await waitForGeneration(hark.url, id, { timeoutMs: 60_000 });
          assert.equal(generation.status, 'completed', JSON.stringify(generation.error));
          assert.ok((generation.result as { words: unknown[] }).words.length > 0);
          const next = await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1', url: `${files.url}/${clip.file}` });
          assert.equal(next.status, 200);
        } finally {
          await hark.kill('SIGTERM');
        }
      },
      '32m',
    );
  });

  it('sends a webhook again when its delivery could not be recorded on a full disk', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hark-full-disk-'));
    // The receiver holds its first answer until the disk is full, so recording that delivery fails.
    const arrivals: number[] = [];
    let answerFirst: () => void = () => undefined;
    const receiver = createServer((request, response) => {
      request.resume();
      arrivals.push(Date.now());
      if (arrivals.length === 1) answerFirst = () => response.writeHead(200).end();
      else response.writeHead(200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    t.after(() => {
      receiver.closeAllConnections();
      receiver.close();
    });
    const ran = await onTinyDisk(
      t,
      dataDir,
      async () => {
        const env = testEnv({ HARK_DATA_DIR: dataDir, HARK_WEBHOOK_TIMEOUT_MS: '1000' });
        const hark = await startHarkProcess(env);
        const v2 = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> =>
          (await (await fetch(`${hark.url}/v2${path}`, { method, headers: { authorization: TEST_KEY, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Record<string, unknown>;
        try {
          const created = await v2('POST', '/transcript', { audio_url: `${files.url}/${clip.file}`, webhook_url: receiverUrl, ...BIG_OPTIONS });
          const id = created.id as string;
          await waitFor(() => arrivals.length === 1, 'the first delivery');
          const freeSpace = fillDisk(dataDir);
          answerFirst();
          await waitForLog(hark, id, 'could not record the webhook attempt; it is sent again when its lease expires');
          assert.equal(hark.child.exitCode, null, 'the server is still running');
          freeSpace();
          await waitFor(() => arrivals.length === 2, 'the delivery sent again');
          await waitFor(async () => (await v2('GET', `/transcript/${id}`)).webhook_status_code === 200, 'the delivery recorded');
        } finally {
          await hark.kill('SIGTERM');
        }
      },
      '32m',
    );
    if (ran) assert.equal(arrivals.length, 2);
  });
});
