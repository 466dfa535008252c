#!/usr/bin/env -S node --max-semi-space-size=2
/**
 * `hark serve`: starts the API and the worker in one process. SIGINT/SIGTERM stop gracefully (running
 * jobs go back to the queue and resume on the next start); a second signal exits at once.
 * `hark models …`: manages the speech models of the sherpa-onnx engine.
 */
import { createApp } from '../app/create-app.js';
import { loadConfig } from '../config/config.js';
import { MODELS_USAGE, modelsCommand } from './models-command.js';

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

const fail = (error: unknown): void => {
  process.stderr.write(`hark: ${(error as Error).message}\n`);
  process.exit(1);
};

const [command = 'serve', ...args] = process.argv.slice(2);
if (command === 'serve') {
  serve().catch(fail);
} else if (command === 'models') {
  Promise.resolve()
    .then(() => modelsCommand(args, loadConfig()))
    .then((code) => process.exit(code), fail);
} else {
  process.stderr.write(`hark: unknown command '${command}'. Usage: hark serve | ${MODELS_USAGE}\n`);
  process.exit(2);
}
