import { describe, expect, it } from 'vitest';
import type { CommandError, CommandResult } from './commands';
import { loadList } from './list-loader';

const flush = () => new Promise((r) => setTimeout(r, 0));
const down: CommandResult<string[]> = { ok: false, error: { code: 'failed:internal', message: 'pty host restarting' } };

function harness(replies: Array<CommandResult<string[]>>) {
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const applied: string[][] = [];
  const reports: Array<CommandError | null> = [];
  let loads = 0;
  const cancel = loadList<string[]>({
    load: () => Promise.resolve(replies[Math.min(loads++, replies.length - 1)]!),
    apply: (v) => applied.push(v),
    report: (e) => reports.push(e),
    delaysMs: [10, 20],
    setTimer: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => { t.cancelled = true; };
    },
  });
  const fire = async () => { timers.at(-1)!.fn(); await flush(); };
  return { timers, applied, reports, cancel, fire, loads: () => loads };
}

describe('loadList', () => {
  it('applies a list that loads at once and reports nothing', async () => {
    const h = harness([{ ok: true, value: ['a'] }]);
    await flush();
    expect(h.applied).toEqual([['a']]);
    expect(h.reports).toEqual([]);
    expect(h.timers).toEqual([]);
  });

  it('reports each failure, retries with backoff (last delay repeats), clears the report once loaded', async () => {
    const h = harness([down, down, down, { ok: true, value: ['b'] }]);
    await flush();
    expect(h.reports.map((r) => r?.code)).toEqual(['failed:internal']);
    await h.fire();
    await h.fire();
    await h.fire();
    expect(h.timers.map((t) => t.ms)).toEqual([10, 20, 20]);
    expect(h.applied).toEqual([['b']]);
    expect(h.reports.at(-1)).toBeNull();
    expect(h.loads()).toBe(4);
  });

  it('stops retrying once cancelled (the socket dropped), and ignores a late reply', async () => {
    const h = harness([down]);
    await flush();
    h.cancel();
    expect(h.timers[0]!.cancelled).toBe(true);
    const late = harness([{ ok: true, value: ['late'] }]);
    late.cancel();
    await flush();
    expect(late.applied).toEqual([]);
  });
});
