import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteJobStore } from '../../src/store/sqlite/sqlite-job-store.js';
import { describeJobStoreContract } from './job-store.contract.js';

describeJobStoreContract('SQLite', async (clock) => {
  const dir = mkdtempSync(join(tmpdir(), 'hark-store-'));
  return new SqliteJobStore({ path: join(dir, 'jobs.sqlite'), now: clock.now });
});
