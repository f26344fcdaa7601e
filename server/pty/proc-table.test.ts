import { describe, expect, it } from 'vitest';
import { parseProcStat, selectTreeTargets, type ProcEntry } from './proc-table';

function p(pid: number, ppid: number, session: number, extra: Partial<ProcEntry> = {}): ProcEntry {
  return { pid, ppid, pgrp: pid, session, state: 'S', startTime: pid * 10, ...extra };
}

describe('parseProcStat', () => {
  it('reads fields after the last parenthesis, so odd command names parse', () => {
    const text = '4242 (my (odd) cmd) S 100 4242 4242 34816 4242 4194560 1 2 3 4 5 6 7 8 20 0 1 0 987654 1 2';
    expect(parseProcStat(text)).toEqual({ pid: 4242, ppid: 100, pgrp: 4242, session: 4242, state: 'S', startTime: 987654 });
  });
  it('rejects garbage', () => {
    expect(parseProcStat('nonsense')).toBeUndefined();
    expect(parseProcStat('1 (x) S')).toBeUndefined();
  });
});

describe('selectTreeTargets', () => {
  const table: ProcEntry[] = [
    p(1, 0, 1),
    p(50, 1, 50), // the server
    p(100, 50, 100), // pty child (session leader)
    p(101, 100, 100, { pgrp: 101 }), // foreground job in its own group, same session
    p(102, 101, 100, { pgrp: 101 }),
    p(103, 1, 100), // orphaned background job, reparented to init, still in the session
    p(104, 100, 104), // setsid'd child: found by ppid
    p(105, 104, 104), // its child
    p(106, 100, 100, { state: 'Z' }), // zombie: already dead
    p(200, 50, 200), // another session
  ];

  it('selects session members and descendants, not zombies nor other sessions', () => {
    const got = selectTreeTargets({ table, rootPid: 100, rootStartTime: 1000 }).map((e) => e.pid);
    expect(got).toEqual([100, 101, 102, 103, 104, 105]);
  });

  it('still finds the session and remembered processes after the root is gone', () => {
    const rest = table.filter((e) => e.pid !== 100).map((e) => (e.ppid === 100 ? { ...e, ppid: 1 } : e));
    const got = selectTreeTargets({
      table: rest,
      rootPid: 100,
      remembered: [{ pid: 104, startTime: 1040 }],
    }).map((e) => e.pid);
    expect(got).toEqual([101, 102, 103, 104, 105]);
  });

  it('ignores a remembered pid that was recycled (different start time)', () => {
    const got = selectTreeTargets({
      table: [p(1, 0, 1), p(300, 1, 300, { startTime: 5 })],
      rootPid: 100,
      remembered: [{ pid: 300, startTime: 3000 }],
    });
    expect(got).toEqual([]);
  });

  it('does not use session membership when the root pid was recycled', () => {
    const got = selectTreeTargets({
      table: [p(1, 0, 1), p(100, 1, 100, { startTime: 7 }), p(101, 100, 100)],
      rootPid: 100,
      rootStartTime: 1000,
    });
    expect(got).toEqual([]);
  });

  it('never selects protected pids or init', () => {
    const got = selectTreeTargets({
      table: [p(1, 0, 100), p(100, 1, 100), p(50, 100, 100)],
      rootPid: 100,
      protectedPids: new Set([50]),
    }).map((e) => e.pid);
    expect(got).toEqual([100]);
  });
});
