import { readdirSync, readFileSync } from 'node:fs';

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

/** This process and all its live descendants. */
function tree(): ProcStat[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== null);
  const members = new Set([process.pid]);
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
 * CPU seconds used so far by this process, its live descendants (the recognizer processes) and the
 * children it already reaped (ffmpeg, the stock CLI). Differences between two readings give the CPU
 * cost of what ran in between.
 */
export function treeCpuSeconds(): number {
  return tree().reduce((sum, stat) => sum + stat.cpuSeconds + (stat.pid === process.pid ? stat.reapedChildrenCpuSeconds : 0), 0);
}

/** Resident memory of this process and its live descendants, in bytes. */
export function treeRssBytes(): number {
  return tree().reduce((sum, stat) => sum + stat.rssBytes, 0);
}

/** Samples the tree's RSS every `intervalMs` until stopped; returns the peak. */
export function watchPeakRss(intervalMs = 200): { stop: () => number } {
  let peak = treeRssBytes();
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssBytes());
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, treeRssBytes());
    },
  };
}
