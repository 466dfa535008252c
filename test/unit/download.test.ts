import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { downloadResumable, sha256File, type DownloadProgress } from '../../src/models/download.js';

const BODY = Buffer.from('0123456789'.repeat(100));

describe('resumable download', () => {
  let url = '';
  const server = createServer((request, response) => {
    if (request.url === '/no-ranges') return void response.writeHead(200, { 'content-length': BODY.length }).end(BODY);
    // A host that honours ranges: a partial file that is already complete gets 416.
    const from = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1] ?? 0);
    if (from >= BODY.length) return void response.writeHead(416).end();
    response.writeHead(206, { 'content-range': `bytes ${from}-${BODY.length - 1}/${BODY.length}` }).end(BODY.subarray(from));
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('continues a partial file from its end, reporting progress against the whole size', async () => {
    const part = join(mkdtempSync(join(tmpdir(), 'hark-dl-')), 'a.part');
    writeFileSync(part, BODY.subarray(0, 300));
    const seen: DownloadProgress[] = [];
    await downloadResumable(`${url}/ranges`, part, (progress) => seen.push(progress));
    assert.deepEqual(readFileSync(part), BODY);
    assert.deepEqual(seen.at(-1), { receivedBytes: BODY.length, totalBytes: BODY.length });
    await downloadResumable(`${url}/ranges`, part); // already complete: 416, nothing changes
    assert.deepEqual(readFileSync(part), BODY);
  });

  it('starts over when the server ignores the range and sends the whole file', async () => {
    const part = join(mkdtempSync(join(tmpdir(), 'hark-dl-')), 'b.part');
    writeFileSync(part, 'stale bytes from another file');
    await downloadResumable(`${url}/no-ranges`, part);
    assert.deepEqual(readFileSync(part), BODY);
    assert.equal(await sha256File(part), createHash('sha256').update(BODY).digest('hex'));
  });

  it('reports an unreachable host as a download error naming the URL', async () => {
    const part = join(mkdtempSync(join(tmpdir(), 'hark-dl-')), 'c.part');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(downloadResumable(`http://127.0.0.1:${port}/x.tar.bz2`, part), new RegExp(`cannot download http://127\\.0\\.0\\.1:${port}/x\\.tar\\.bz2: ECONNREFUSED`));
  });
});
