import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in seconds. */
  cpuSeconds: number;
  /** cutime + cstime: CPU of children this process has reaped, in seconds. */
  reapedChildrenCpuSeconds: number;
  rssBytes: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields resume after the closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const num = (index: number): number => Number(fields[index - 3]);
    return {
      pid,
      ppid: num(4),
      cpuSeconds: (num(14) + num(15)) / TICKS_PER_SECOND,
      reapedChildrenCpuSeconds: (num(16) + num(17)) / TICKS_PER_SECOND,
      rssBytes: num(24) * PAGE_BYTES,
    };
  } catch {
    return null; // the process ended while we looked
  }
}

/** Process `root` (this one by default) and all its live descendants. */
function tree(root = process.pid): ProcStat[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== null);
  const members = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of all) {
      if (!members.has(stat.pid) && members.has(stat.ppid)) {
        members.add(stat.pid);
        grew = true;
      }
    }
  }
  return all.filter((stat) => members.has(stat.pid));
}

/**
 * CPU seconds used so far by process `root` (this one by default), its live descendants (the
 * recognizer process) and the children it already reaped (ffmpeg, the stock CLI). Differences between
 * two readings give the CPU cost of what ran in between.
 */
export function treeCpuSeconds(root = process.pid): number {
  return tree(root).reduce((sum, stat) => sum + stat.cpuSeconds + (stat.pid === root ? stat.reapedChildrenCpuSeconds : 0), 0);
}

/** Resident (RSS) and proportional (PSS: shared pages split between their users) memory, in bytes. */
export interface TreeMemory {
  rssBytes: number;
  pssBytes: number;
  /** RSS by what each process is (see `processLabel`); processes of one kind at the same time add up. */
  rssBytesByProcess: Record<string, number>;
}

function pssBytes(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0; // the process ended while we looked
  }
}

/** "server" for the root; a Node process by its script ("pocketsphinx-child" → "pocketsphinx"); anything else by its program. */
function processLabel(pid: number, root: number): string {
  if (pid === root) return 'server';
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
    const program = basename(argv[0] ?? '?');
    const script = program === 'node' ? argv.find((arg) => arg.endsWith('.js')) : undefined;
    return script === undefined ? program : basename(script, '.js').replace(/-child$/, '');
  } catch {
    return '?'; // the process ended while we looked
  }
}

/** Memory of process `root` and its live descendants, summed. */
function treeMemory(root: number): TreeMemory {
  const stats = tree(root);
  const rssBytesByProcess: Record<string, number> = {};
  for (const stat of stats) {
    const label = processLabel(stat.pid, root);
    rssBytesByProcess[label] = (rssBytesByProcess[label] ?? 0) + stat.rssBytes;
  }
  return {
    rssBytes: stats.reduce((sum, stat) => sum + stat.rssBytes, 0),
    pssBytes: stats.reduce((sum, stat) => sum + pssBytes(stat.pid), 0),
    rssBytesByProcess,
  };
}

/** Calls `sample` now and every `intervalMs` until the returned stop function, which samples once more. */
export function sampleUntilStopped(sample: () => void, intervalMs: number): () => void {
  sample();
  const timer = setInterval(sample, intervalMs);
  return () => {
    clearInterval(timer);
    sample();
  };
}

/**
 * Samples the memory of `root`'s tree every `intervalMs` until stopped; returns the peak of each
 * figure (each process kind's peak on its own, so they need not have been reached at the same time).
 */
export function watchPeakMemory(root: number, intervalMs = 200): { stop: () => TreeMemory } {
  const peak: TreeMemory = { rssBytes: 0, pssBytes: 0, rssBytesByProcess: {} };
  const stop = sampleUntilStopped(() => {
    const now = treeMemory(root);
    peak.rssBytes = Math.max(peak.rssBytes, now.rssBytes);
    peak.pssBytes = Math.max(peak.pssBytes, now.pssBytes);
    for (const [label, bytes] of Object.entries(now.rssBytesByProcess)) {
      peak.rssBytesByProcess[label] = Math.max(peak.rssBytesByProcess[label] ?? 0, bytes);
    }
  }, intervalMs);
  return {
    stop: () => {
      stop();
      return peak;
    },
  };
}
