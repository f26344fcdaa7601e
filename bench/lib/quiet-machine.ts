import { readFileSync } from 'node:fs';

/**
 * Waits until the whole machine is idle before a latency measure starts.
 *
 * Why: the throughput measure writes two 32 MiB recordings; the kernel writes them back
 * (kworker flush threads, no process of ours) for seconds after the run. An echo measured
 * right after it read a console-socket p50 of 1.8 ms; the same measure 6 s later, 0.9 ms,
 * with our processes idle both times. Each measure should start from a quiet machine, not
 * inherit the previous one's tail.
 */
export interface MachineTicks {
  busy: number;
  total: number;
}

/** The first line of /proc/stat: idle and iowait are idle time; everything else
 * (user, nice, system, irq, softirq, steal) is busy. */
export function parseMachineTicks(procStat: string): MachineTicks {
  const line = procStat.split('\n', 1)[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** The busy share of the machine between two samples, 0..1 (0 when no tick passed). */
export function busyShare(before: MachineTicks, after: MachineTicks): number {
  const total = after.total - before.total;
  return total <= 0 ? 0 : (after.busy - before.busy) / total;
}

export interface QuietOptions {
  /** Busy share under which a window counts as quiet. */
  maxBusy: number;
  windowMs: number;
  /** Quiet windows in a row needed. */
  windows: number;
  /** Gives up (and says so) after this long: a machine shared with other work may never be quiet. */
  timeoutMs: number;
}

export const QUIET_DEFAULTS: QuietOptions = { maxBusy: 0.1, windowMs: 500, windows: 4, timeoutMs: 20_000 };

export interface QuietResult {
  waitedMs: number;
  quiet: boolean;
  lastBusy: number;
}

const sample = (): MachineTicks => parseMachineTicks(readFileSync('/proc/stat', 'utf8'));

export async function waitForQuietMachine(options: QuietOptions = QUIET_DEFAULTS): Promise<QuietResult> {
  const started = performance.now();
  let quietWindows = 0;
  let lastBusy = 1;
  let prev = sample();
  while (performance.now() - started < options.timeoutMs) {
    await new Promise((r) => setTimeout(r, options.windowMs));
    const now = sample();
    lastBusy = busyShare(prev, now);
    prev = now;
    quietWindows = lastBusy <= options.maxBusy ? quietWindows + 1 : 0;
    if (quietWindows >= options.windows) {
      return { waitedMs: Math.round(performance.now() - started), quiet: true, lastBusy };
    }
  }
  return { waitedMs: Math.round(performance.now() - started), quiet: false, lastBusy };
}
