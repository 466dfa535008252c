import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleUntilStopped } from './process-tree.js';

/** Where cgroup v1 mounts its memory controller; only it is handled (it is what this machine has). */
const MEMORY_CONTROLLER = '/sys/fs/cgroup/memory';

/**
 * A memory cgroup with a hard limit, as a container of that size would run the service: the kernel
 * charges each page once however many of its processes use it, reclaims page cache at the limit,
 * and kills a process when what cannot be reclaimed would pass it. (Summed per-process RSS counts
 * shared pages, such as Node's own code, once per process.) A file page is charged to the cgroup
 * that first read it, so code already in memory for processes outside (the Node binary, ~40 MB) is
 * not charged here; the anonymous memory reported is charged in full.
 */
export class MemoryCgroup {
  readonly #dir: string;

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /** A new cgroup limited to `limitBytes`; null where there is no writable cgroup v1 memory controller (not root, cgroup v2). */
  static open(name: string, limitBytes: number): MemoryCgroup | null {
    const dir = join(MEMORY_CONTROLLER, name);
    try {
      mkdirSync(dir);
    } catch {
      return null;
    }
    writeFileSync(join(dir, 'memory.limit_in_bytes'), String(limitBytes));
    return new MemoryCgroup(dir);
  }

  /**
   * `command args…` made to start inside the cgroup (children follow it there). Pages are charged to
   * the cgroup a process was in when it touched them, so joining after start would leave out its
   * start-up memory (and this kernel refuses to move charges with a process).
   */
  command(command: string, args: readonly string[]): [string, string[]] {
    return ['sh', ['-c', `echo $$ > ${join(this.#dir, 'cgroup.procs')} && exec "$0" "$@"`, command, ...args]];
  }

  /** Anonymous memory (heaps, stacks, buffers) charged now: what page-cache reclaim cannot free. */
  anonymousBytes(): number {
    return Number(/^total_rss (\d+)$/m.exec(readFileSync(join(this.#dir, 'memory.stat'), 'utf8'))?.[1] ?? 0);
  }

  /** Processes the kernel killed for passing the limit. */
  oomKills(): number {
    return Number(/^oom_kill (\d+)$/m.exec(readFileSync(join(this.#dir, 'memory.oom_control'), 'utf8'))?.[1] ?? 0);
  }

  /** Highest anonymous memory seen, sampled every `intervalMs` until `stop`. */
  watchPeak(intervalMs = 200): { stop: () => number } {
    let peak = 0;
    const stop = sampleUntilStopped(() => (peak = Math.max(peak, this.anonymousBytes())), intervalMs);
    return {
      stop: () => {
        stop();
        return peak;
      },
    };
  }

  /** Removes the cgroup once its processes have exited (a stopped server's children take a moment). */
  async close(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (readFileSync(join(this.#dir, 'cgroup.procs'), 'utf8').trim() !== '') {
      if (Date.now() > deadline) throw new Error(`processes still running in ${this.#dir}`);
      await sleep(50);
    }
    rmdirSync(this.#dir);
  }
}
