import { describe, expect, it } from 'vitest';
import { killProcessTree } from './kill-tree';
import type { ProcEntry } from './proc-table';

/** A fake process table, a fake clock and a recorder of signals. */
function fakeWorld(opts: { ignoresHup: Set<number> }) {
  let nowMs = 0;
  const table = new Map<number, ProcEntry>();
  const add = (pid: number, ppid: number, session: number, pgrp = pid): void => {
    table.set(pid, { pid, ppid, pgrp, session, state: 'S', startTime: pid });
  };
  add(process.pid, 1, process.pid);
  const signals: string[] = [];
  const sendSignal = (pid: number, sig: NodeJS.Signals): void => {
    signals.push(`${sig}:${pid}`);
    const targets = pid < 0 ? [...table.values()].filter((p) => p.pgrp === -pid) : [table.get(pid)];
    for (const p of targets) {
      if (!p) continue;
      if (sig === 'SIGKILL' || !opts.ignoresHup.has(p.pid)) table.delete(p.pid);
    }
  };
  return {
    add,
    signals,
    sendSignal,
    readTable: async () => [...table.values()],
    sleep: async (ms: number) => {
      nowMs += ms;
    },
    now: () => nowMs,
    alive: (pid: number) => table.has(pid),
  };
}

describe('killProcessTree', () => {
  it('stops after SIGHUP when the tree goes away', async () => {
    const w = fakeWorld({ ignoresHup: new Set() });
    w.add(100, process.pid, 100);
    w.add(101, 100, 100, 101);
    const r = await killProcessTree({ rootPid: 100, graceMs: 3000, rootExited: () => !w.alive(100), ...w });
    expect(r).toEqual({ escalated: false, survivors: [] });
    expect(w.signals).toEqual(['SIGHUP:-100', 'SIGHUP:100', 'SIGHUP:101']);
    expect(w.now()).toBeLessThan(100);
  });

  it('SIGKILLs what ignores SIGHUP once the grace time is over, never the server', async () => {
    const w = fakeWorld({ ignoresHup: new Set([100, 102]) });
    w.add(100, process.pid, 100);
    w.add(102, 1, 100, 102);
    const r = await killProcessTree({ rootPid: 100, graceMs: 500, rootExited: () => !w.alive(100), ...w });
    expect(r).toEqual({ escalated: true, survivors: [] });
    expect(w.now()).toBeGreaterThanOrEqual(500);
    expect(w.signals.filter((s) => s.startsWith('SIGKILL'))).toEqual(['SIGKILL:-100', 'SIGKILL:100', 'SIGKILL:102']);
    expect(w.signals.some((s) => s.endsWith(`:${process.pid}`))).toBe(false);
    expect(w.alive(process.pid)).toBe(true);
  });

  it('returns at once when the root exited and nothing of its tree is left', async () => {
    const w = fakeWorld({ ignoresHup: new Set() });
    const r = await killProcessTree({ rootPid: 100, graceMs: 500, rootExited: () => true, ...w });
    expect(r.escalated).toBe(false);
    expect(w.signals).toEqual([]);
    expect(w.now()).toBe(0);
  });
});
