import { describe, expect, it } from 'vitest';
import { OutputBatcher, type Schedule } from './output-batcher';

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
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('OutputBatcher', () => {
  it('coalesces the reads of one turn into one batch on the next tick', () => {
    const sched = manualScheduler();
    const out: string[] = [];
    const b = new OutputBatcher({ maxPendingBytes: 100, schedule: sched.schedule, onFlush: (d) => out.push(text(d)) });
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
    const b = new OutputBatcher({ maxPendingBytes: 4, schedule: sched.schedule, onFlush: (d) => out.push(d.byteLength) });
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
    const b = new OutputBatcher({ maxPendingBytes: 100, schedule: sched.schedule, onFlush: (d) => out.push(text(d)) });
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
    const b = new OutputBatcher({ maxPendingBytes: 100, schedule: sched.schedule, onFlush: (d) => out.push(d) });
    const all = bytes('é漢🙂');
    b.push(all.subarray(0, 1));
    b.push(all.subarray(1, 4));
    b.push(all.subarray(4));
    sched.run();
    expect(text(out[0] ?? new Uint8Array())).toBe('é漢🙂');
  });
});
