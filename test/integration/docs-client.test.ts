import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { evalDir, evalItem, sharedDir } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHarkProcess, testEnv, TEST_KEY, type HarkProcess } from '../helpers/hark.js';

/** A Python that has `requests` (the docs client needs it): the one on PATH, else Debian's. */
function pythonWithRequests(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import requests'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('no python3 with the requests module (scripts/setup.sh --test installs python3-requests)');
}

describe("the hosted API docs' own Python client", () => {
  let hark: HarkProcess;
  let files: FileServer;
  before(async () => {
    hark = await startHarkProcess(testEnv());
    files = await startFileServer(evalDir());
  });
  after(async () => {
    await hark.kill('SIGTERM');
    await files.close();
  });

  it('prints a transcript when pointed at Hark', async () => {
    const clip = evalItem('lj_LJ001-0001');
    const { stdout } = await promisify(execFile)(pythonWithRequests(), [join(sharedDir(), 'docs', 'aimlapi-client.py')], {
      env: {
        ...process.env,
        SEED_BASE_URL: `${hark.url}/v1`,
        SEED_API_KEY: TEST_KEY,
        SEED_AUDIO_URL: `${files.url}/${clip.file}`,
      },
      timeout: 120_000,
    });
    assert.match(stdout, /'generation_id': '[0-9a-f-]{36}'/);
    const transcript = /Processing complete:\/n (.*)/.exec(stdout)?.[1] ?? '';
    assert.match(transcript, /arts and crafts/);
    assert.match(transcript, /exhibition/);
  });
});
