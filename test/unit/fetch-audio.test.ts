import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fetchAudio } from '../../src/audio/fetch-audio.js';
import { HarkError } from '../../src/domain/errors.js';
import { AddressPolicy } from '../../src/net/address-policy.js';
import { fullDisk, makeTone, scratchDir } from '../helpers/audio-fixtures.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';

const LIMITS = { timeoutMs: 10_000, maxBytes: 50_000_000, maxRedirects: 5 };
const LOOPBACK = new AddressPolicy(['127.0.0.0/8']);

describe('fetching audio', () => {
  const dir = scratchDir();
  let files: FileServer;
  before(async () => {
    makeTone(join(dir, 'tone.wav'), 30);
    files = await startFileServer(dir);
  });
  after(async () => {
    await files.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the file it downloads', async () => {
    const { bytes } = await fetchAudio(`${files.url}/tone.wav`, join(dir, 'copy.wav'), LIMITS, LOOPBACK);
    assert.ok(bytes > 900_000, `${bytes} bytes`);
  });

  it('blames a full disk on the machine, as a retryable error, not on the URL', async () => {
    await assert.rejects(fetchAudio(`${files.url}/tone.wav`, fullDisk(dir), LIMITS, LOOPBACK), (error: unknown) => {
      assert.ok(error instanceof HarkError);
      assert.equal(error.code, 'DISK_FULL', error.message);
      assert.equal(error.retryable, true);
      return true;
    });
  });
});
