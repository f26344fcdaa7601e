import { describe, expect, it } from 'vitest';
import { INPUT_QUIET_POLICY, InputQuiet } from './input-quiet';
import { WriteCoalescer } from './write-coalescer';
import type { StreamClock } from './terminal-stream';

class Clock implements StreamClock {
  nowMs = 10_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now(): number {
    return this.nowMs;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.nowMs + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers.delete(h as number);
  }
  advance(ms: number): void {
    const end = this.nowMs + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.nowMs = due[1].at;
      due[1].fn();
    }
    this.nowMs = end;
  }
}

function setup() {
  const clock = new Clock();
  const quiet = new InputQuiet(clock);
  const writes: Array<{ at: number; text: string }> = [];
  const coalescer = new WriteCoalescer({
    clock,
    quiet,
    write: (bytes) => writes.push({ at: clock.now(), text: new TextDecoder().decode(bytes) }),
  });
  return { clock, quiet, writes, coalescer };
}

describe('InputQuiet with a background coalescer', () => {
  it('holds a due batch while a keystroke was just typed, then writes it', () => {
    const { clock, quiet, writes, coalescer } = setup();
    coalescer.push(new TextEncoder().encode('log'), 3);
    clock.advance(240);
    quiet.noteKeystroke();
    clock.advance(20); // the batch is due now, but typing has priority
    expect(writes).toEqual([]);
    clock.advance(INPUT_QUIET_POLICY.afterKeystrokeMs);
    expect(writes.map((w) => w.text)).toEqual(['log']);
  });

  it('never postpones a batch longer than maxPostponeMs while someone types steadily', () => {
    const { clock, quiet, writes, coalescer } = setup();
    coalescer.push(new TextEncoder().encode('x'), 1);
    const heldAt = clock.now();
    for (let t = 0; t < 3 * INPUT_QUIET_POLICY.maxPostponeMs && writes.length === 0; t += 20) {
      quiet.noteKeystroke();
      clock.advance(20);
    }
    expect(writes).toHaveLength(1);
    expect(writes[0]!.at - heldAt).toBeLessThanOrEqual(INPUT_QUIET_POLICY.maxPostponeMs + INPUT_QUIET_POLICY.afterKeystrokeMs);
  });

  it('does nothing without keystrokes', () => {
    const { clock, writes, coalescer } = setup();
    coalescer.push(new TextEncoder().encode('y'), 1);
    clock.advance(300);
    expect(writes.map((w) => w.text)).toEqual(['y']);
  });
});
