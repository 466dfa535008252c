import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { SERVICE_NODE_FLAGS } from '../../src/cli/node-flags.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the commands that start the service', () => {
  it('npm start and the hark command pass the service Node flags', () => {
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const shebang = readFileSync(join(ROOT, 'dist/src/cli/main.js'), 'utf8').split('\n')[0] ?? '';
    const flags = SERVICE_NODE_FLAGS.join(' ');
    assert.ok(start.endsWith(`node ${flags} dist/src/cli/main.js serve`), `npm start: ${start}`);
    assert.equal(shebang, `#!/usr/bin/env -S node ${flags}`, "the hark command's first line");
  });
});
