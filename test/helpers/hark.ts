import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type HarkApp } from '../../src/app/create-app.js';
import { SERVICE_NODE_FLAGS } from '../../src/cli/node-flags.js';
import { loadConfig } from '../../src/config/config.js';

export const TEST_KEY = 'test-key-0123456789';

/** Settings every test server shares: loopback audio allowed, quiet logs, fast polling. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    HARK_DATA_DIR: mkdtempSync(join(tmpdir(), 'hark-test-')),
    HARK_API_KEYS: TEST_KEY,
    HARK_FETCH_ALLOWED_CIDRS: '127.0.0.0/8',
    HARK_LOG_LEVEL: 'silent',
    HARK_ENGINE_WORKERS: '2',
    HARK_POLL_INTERVAL_MS: '50',
    HARK_RETRY_BASE_MS: '100',
    ...overrides,
  };
}

export interface RunningHark {
  url: string;
  app: HarkApp;
  dataDir: string;
  close(): Promise<void>;
}

/** Hark in this process, on a free loopback port, with a fresh data dir. */
export async function startHark(overrides: Record<string, string> = {}): Promise<RunningHark> {
  const env = testEnv(overrides);
  const app = await createApp(loadConfig(env));
  const url = await app.start();
  return { url, app, dataDir: env.HARK_DATA_DIR as string, close: () => app.close() };
}

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.js');

export interface HarkProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process logged so far (one JSON object per line). */
  logs(): string;
  /** Ends the process with `signal` and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Turns the command that starts Hark into another that runs it (e.g. inside a memory cgroup). */
export type Launcher = (command: string, args: readonly string[]) => [string, string[]];

/** `hark serve` as a real child process, for tests that crash or restart it. */
export async function startHarkProcess(env: Record<string, string>, launch?: Launcher): Promise<HarkProcess> {
  const serve = [...SERVICE_NODE_FLAGS, CLI, 'serve'];
  const [command, args] = launch ? launch(process.execPath, serve) : [process.execPath, serve];
  const child = spawn(command, args, {
    env: { ...process.env, ...env, HARK_LOG_LEVEL: env.HARK_LOG_LEVEL === 'silent' ? 'info' : (env.HARK_LOG_LEVEL ?? 'info') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`hark did not start:\n${output}`)), 20_000);
    const check = (): void => {
      const match = /"url":"(http:[^"]+)".*Hark is listening/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1] as string);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hark exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    logs: () => output,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolvePromise) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
        child.once('exit', () => resolvePromise());
        child.kill(signal);
      }),
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `hark ARGS…` (e.g. `models pull NAME`) to completion with `env` over the test process's. */
export function runHarkCli(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolvePromise({ code, stdout, stderr });
    });
  });
}
