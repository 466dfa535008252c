import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { AssemblyAI } from 'assemblyai';
import { evalDir, evalItem } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHark, startHarkProcess, testEnv, TEST_KEY, type RunningHark } from '../helpers/hark.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const clip = evalItem('lj_LJ001-0008');

describe('webhooks', () => {
  let hark: RunningHark;
  let files: FileServer;
  let client: AssemblyAI;

  before(async () => {
    hark = await startHark({ HARK_WEBHOOK_RETRY_MS: '200', HARK_WEBHOOK_TIMEOUT_MS: '2000' });
    files = await startFileServer(evalDir());
    client = new AssemblyAI({ apiKey: TEST_KEY, baseUrl: hark.url });
  });
  after(async () => {
    await hark.close();
    await files.close();
  });

  it('posts {transcript_id, status} with the auth header and records the answer', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const created = await client.transcripts.submit({
        audio: `${files.url}/${clip.file}`,
        webhook_url: `${receiver.url}/hook?customer=42`,
        webhook_auth_header_name: 'X-Hook-Secret',
        webhook_auth_header_value: 's3cret',
      });
      assert.equal(created.webhook_auth, true);
      assert.equal((created as unknown as Record<string, unknown>).webhook_auth_header_value, undefined);
      const [hook] = await receiver.waitFor(1);
      assert.equal(hook?.path, '/hook?customer=42');
      assert.deepEqual(hook?.body, { transcript_id: created.id, status: 'completed' });
      assert.equal(hook?.headers['x-hook-secret'], 's3cret');
      assert.equal(hook?.headers['content-type'], 'application/json');
      await eventually(async () => (await client.transcripts.get(created.id)).webhook_status_code === 200);
    } finally {
      await receiver.close();
    }
  });

  it('notifies failed jobs with status "error"', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const created = await client.transcripts.submit({ audio: `${files.url}/missing.wav`, webhook_url: `${receiver.url}/hook` });
      const [hook] = await receiver.waitFor(1);
      assert.deepEqual(hook?.body, { transcript_id: created.id, status: 'error' });
    } finally {
      await receiver.close();
    }
  });

  it('retries after a 500', async () => {
    const receiver = await startWebhookReceiver([500, 502]);
    try {
      const created = await client.transcripts.submit({ audio: `${files.url}/${clip.file}`, webhook_url: `${receiver.url}/hook` });
      await receiver.waitFor(3);
      await eventually(async () => (await client.transcripts.get(created.id)).webhook_status_code === 200);
    } finally {
      await receiver.close();
    }
  });

  it('does not retry after a 4xx', async () => {
    const receiver = await startWebhookReceiver([404]);
    try {
      const created = await client.transcripts.submit({ audio: `${files.url}/${clip.file}`, webhook_url: `${receiver.url}/hook` });
      await receiver.waitFor(1);
      await sleep(1_500); // several retry intervals
      assert.equal(receiver.received.length, 1);
      assert.equal((await client.transcripts.get(created.id)).webhook_status_code, 404);
    } finally {
      await receiver.close();
    }
  });

  it('rejects a webhook_url that is not http(s)', async () => {
    await assert.rejects(client.transcripts.submit({ audio: `${files.url}/${clip.file}`, webhook_url: 'mailto:me@example.com' }), /webhook_url must be an http or https URL/);
  });

  it('delivers after a restart', async () => {
    const receiver = await startWebhookReceiver([503]);
    const env = testEnv({ HARK_WEBHOOK_RETRY_MS: '3000', HARK_WEBHOOK_TIMEOUT_MS: '1000' });
    const first = await startHarkProcess(env);
    let second: Awaited<ReturnType<typeof startHarkProcess>> | null = null;
    try {
      const sdk = new AssemblyAI({ apiKey: TEST_KEY, baseUrl: first.url });
      const created = await sdk.transcripts.submit({ audio: `${files.url}/${clip.file}`, webhook_url: `${receiver.url}/hook` });
      await receiver.waitFor(1);
      await first.kill('SIGKILL');
      second = await startHarkProcess(env);
      const [, retried] = await receiver.waitFor(2);
      assert.deepEqual(retried?.body, { transcript_id: created.id, status: 'completed' });
      const again = new AssemblyAI({ apiKey: TEST_KEY, baseUrl: second.url });
      await eventually(async () => (await again.transcripts.get(created.id)).webhook_status_code === 200);
    } finally {
      await first.kill('SIGKILL');
      await second?.kill('SIGTERM');
      await receiver.close();
    }
  });
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}
