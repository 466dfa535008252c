import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadConfig, publicUrlFor } from '../../src/config/config.js';
import { configTableMarkdown } from '../../src/config/config-docs.js';

const README = join(dirname(fileURLToPath(import.meta.url)), '../../../README.md');

describe('configuration', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.match(config.dataDir, /\/data$/);
    assert.deepEqual(config.apiKeys, []);
    assert.equal(config.aimlapiStatusDialect, 'legacy');
    assert.ok(config.jobConcurrency >= 1);
  });

  it('reads the environment and reports every invalid variable at once', () => {
    const config = loadConfig({ PORT: '9000', HARK_API_KEYS: 'a, b,,', HARK_FETCH_ALLOWED_CIDRS: '127.0.0.0/8' });
    assert.equal(config.port, 9000);
    assert.deepEqual(config.apiKeys, ['a', 'b']);
    assert.throws(
      () => loadConfig({ PORT: 'eighty', HARK_JOB_LEASE_MS: '5', HARK_AIMLAPI_STATUS_DIALECT: 'old' }),
      (error: Error) => /PORT/.test(error.message) && /HARK_JOB_LEASE_MS/.test(error.message) && /HARK_AIMLAPI_STATUS_DIALECT/.test(error.message),
    );
  });

  it('reads HARK_SPEAKER_ADAPTATION as an on/off switch, on by default', () => {
    assert.equal(loadConfig({}).speakerAdaptation, true);
    assert.equal(loadConfig({ HARK_SPEAKER_ADAPTATION: '0' }).speakerAdaptation, false);
    assert.equal(loadConfig({ HARK_SPEAKER_ADAPTATION: '1' }).speakerAdaptation, true);
    assert.equal(loadConfig({ HARK_SPEAKER_ADAPTATION: 'off' }).speakerAdaptation, false);
    assert.throws(() => loadConfig({ HARK_SPEAKER_ADAPTATION: 'maybe' }), /HARK_SPEAKER_ADAPTATION: expected 1 or 0/);
  });

  it('reads HARK_MODEL_MAP as name=model pairs of API model names, refusing typos and repeats', () => {
    assert.deepEqual(loadConfig({}).modelMap, new Map());
    const { modelMap } = loadConfig({ HARK_MODEL_MAP: ' nano = sense-voice-int8, whisper-1=/srv/models/sherpa-onnx-whisper-base ,' });
    assert.deepEqual([...modelMap], [['nano', 'sense-voice-int8'], ['whisper-1', '/srv/models/sherpa-onnx-whisper-base']]);
    assert.throws(() => loadConfig({ HARK_MODEL_MAP: 'whisper-2=whisper-base' }), /HARK_MODEL_MAP: 'whisper-2' is not an API model name; use one of: aai\/slam-1, slam-1, best/);
    assert.throws(() => loadConfig({ HARK_MODEL_MAP: 'nano' }), /HARK_MODEL_MAP: expected name=model pairs, got 'nano'/);
    assert.throws(() => loadConfig({ HARK_MODEL_MAP: 'nano=a,nano=b' }), /'nano' is mapped twice/);
  });

  it('derives the public URL from host and port unless set', () => {
    assert.equal(publicUrlFor(loadConfig({ HOST: '0.0.0.0' }), 8123), 'http://127.0.0.1:8123');
    assert.equal(publicUrlFor(loadConfig({ HARK_PUBLIC_URL: 'https://stt.example.com/' }), 8123), 'https://stt.example.com');
  });

  it('is documented in the README exactly as defined', () => {
    assert.ok(readFileSync(README, 'utf8').includes(configTableMarkdown()), 'README configuration table is stale: run node scripts/print-config-table.mjs');
  });
});
