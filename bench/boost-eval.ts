/**
 * `node dist/bench/boost-eval.js`: the vocabulary-boost table (bench/lib/boost-report.ts) alone, on
 * a Hark server started here. `npm run bench` includes the same table.
 */
import { availableParallelism } from 'node:os';
import { evalDir, evalItems } from '../test/helpers/eval-set.js';
import { startFileServer } from '../test/helpers/file-server.js';
import { startHark } from '../test/helpers/hark.js';
import { boostReport, boostTable } from './lib/boost-report.js';

const files = await startFileServer(evalDir());
const hark = await startHark({ HARK_ENGINE_WORKERS: String(availableParallelism()), HARK_JOB_CONCURRENCY: '1' });
try {
  const rows = await boostReport(hark.url, evalItems(), (item) => `${files.url}/${item.file}`);
  process.stdout.write(`${boostTable(rows).join('\n')}\n`);
} finally {
  await hark.close();
  await files.close();
}
