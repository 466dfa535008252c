import { execFile } from 'node:child_process';

export interface ProcessOutput {
  stdout: string;
  stderr: string;
}

/** Runs a program to completion and returns its output; rejects with stderr in the message on failure. */
export function runProcess(file: string, args: readonly string[], signal?: AbortSignal): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { signal, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(Object.assign(new Error(`${file} failed: ${stderr.trim() || error.message}`), { cause: error }));
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}
