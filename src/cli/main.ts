#!/usr/bin/env node
/**
 * `hark serve`: starts the API and the worker in one process. SIGINT/SIGTERM stop gracefully (running
 * jobs go back to the queue and resume on the next start); a second signal exits at once.
 */
import { createApp } from '../app/create-app.js';
import { loadConfig } from '../config/config.js';

async function serve(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const url = await app.start();
  app.logger.info({ url, dataDir: config.dataDir }, 'Hark is listening');
  if (app.generatedApiKey !== null) {
    process.stdout.write(
      `\nGenerated an API key (stored in ${config.dataDir}/api-key; shown only this once):\n\n  ${app.generatedApiKey}\n\n`,
    );
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    app.logger.info({ signal }, 'stopping');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const [command = 'serve'] = process.argv.slice(2);
if (command === 'serve') {
  serve().catch((error: unknown) => {
    process.stderr.write(`hark: ${(error as Error).message}\n`);
    process.exit(1);
  });
} else {
  process.stderr.write(`hark: unknown command '${command}'. Usage: hark serve\n`);
  process.exit(2);
}
