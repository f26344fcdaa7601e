import { describe, expect, it } from 'vitest';
import { BATCH_TIMING, OutputBatcher, type Schedule } from './output-batcher';

function manualScheduler(): { schedule: Schedule; run: () => void; pending: () => number } {
  let queue: Array<() => void> = [];
  return {
    schedule: (fn) => {
      queue.push(fn);
      return () => {
        queue = queue.filter((f) => f !== fn);
      };
    },
    run: () => {
      const q = queue;
      queue = [];
      for (const f of q) f();
    },
    pending: () => queue.length,
  };
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
/** A clock on which every flush looks like the first after a pause (no streaming). */
const pausedClock = (): (() => number) => {
  let t = 0;
  return () => (t += 1000);
};
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('OutputBatcher', () => {
  it('coalesces the reads of one turn into one batch on the next tick', () => {
    const sched = manualScheduler();
    const out: string[] = [];
    const b = new OutputBatcher({ maxPendingBytes: 100, now: pausedClock(), schedule: sched.schedule, onFlush: (d) => out.push(text(d)) });
    b.push(bytes('ab'));
    b.push(bytes('cd'));
    expect(out).toEqual([]);
    expect(sched.pending()).toBe(1);
    sched.run();
    expect(out).toEqual(['abcd']);
    expect(b.pendingBytes).toBe(0);
  });

  it('flushes at once past the size cap and cancels the scheduled flush', () => {
    const sched = manualScheduler();
    const out: number[] = [];
    const b = new OutputBatcher({ maxPendingBytes: 4, now: pausedClock(), schedule: sched.schedule, onFlush: (d) => out.push(d.byteLength) });
    b.push(bytes('ab'));
    b.push(bytes('cde'));
    expect(out).toEqual([5]);
    expect(sched.pending()).toBe(0);
    b.push(bytes('f'));
    sched.run();
    expect(out).toEqual([5, 1]);
  });

  it('flush() delivers pending bytes synchronously; dispose() drops them', () => {
    const sched = manualScheduler();
    const out: string[] = [];
    const b = new OutputBatcher({ maxPendingBytes: 100, now: pausedClock(), schedule: sched.schedule, onFlush: (d) => out.push(text(d)) });
    b.push(bytes('x'));
    b.flush();
    b.flush();
    expect(out).toEqual(['x']);
    b.push(bytes('y'));
    b.dispose();
    sched.run();
    expect(out).toEqual(['x']);
  });

  it('keeps bytes exact when a multi-byte character is split across reads', () => {
    const sched = manualScheduler();
    const out: Uint8Array[] = [];
    const b = new OutputBatcher({ maxPendingBytes: 100, now: pausedClock(), schedule: sched.schedule, onFlush: (d) => out.push(d) });
    const all = bytes('é漢🙂');
    b.push(all.subarray(0, 1));
    b.push(all.subarray(1, 4));
    b.push(all.subarray(4));
    sched.run();
    expect(text(out[0] ?? new Uint8Array())).toBe('é漢🙂');
  });
});

describe('OutputBatcher while output streams', () => {
  it('flushes an echo after a pause on the next tick, and waits a few ms while output keeps flowing', () => {
    const immediate = manualScheduler();
    let nowMs = 1000;
    const timers: Array<{ ms: number; fn: () => void }> = [];
    const out: string[] = [];
    const b = new OutputBatcher({
      maxPendingBytes: 1000,
      schedule: immediate.schedule,
      scheduleAfter: (fn, ms) => {
        const t = { ms, fn };
        timers.push(t);
        return () => timers.splice(timers.indexOf(t), 1);
      },
      now: () => nowMs,
      onFlush: (d) => out.push(text(d)),
    });
    b.push(bytes('echo'));
    expect(immediate.pending()).toBe(1);
    immediate.run();
    expect(out).toEqual(['echo']);

    nowMs += 1; // more output right after: a stream
    b.push(bytes('s1'));
    b.push(bytes('s2'));
    expect(immediate.pending()).toBe(0);
    expect(timers.map((t) => t.ms)).toEqual([BATCH_TIMING.coalesceMs]);
    nowMs += BATCH_TIMING.coalesceMs;
    timers.shift()!.fn();
    expect(out).toEqual(['echo', 's1s2']);

    nowMs += BATCH_TIMING.streamingGapMs + 50; // quiet again: the next echo is immediate
    b.push(bytes('k'));
    expect(immediate.pending()).toBe(1);
  });
});
