import { describe, expect, it } from 'vitest';
import { INPUT_QUIET_POLICY, InputQuiet } from './input-quiet';
import { WriteCoalescer } from './write-coalescer';
import { FakeClock } from './testing/fake-clock';

function setup() {
  const clock = new FakeClock();
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

  it('writes an overdue batch in the wake of the next echo, not on its timer', () => {
    const { clock, quiet, writes, coalescer } = setup();
    coalescer.push(new TextEncoder().encode('z'), 1);
    const heldAt = clock.now();
    // Keys every 25 ms, each echoed 4 ms later: the batch goes right after an echo.
    let echoes = 0;
    while (writes.length === 0 && clock.now() - heldAt < 2 * INPUT_QUIET_POLICY.maxPostponeMs) {
      quiet.noteKeystroke();
      clock.advance(4);
      quiet.noteEcho();
      echoes += 1;
      if (writes.length > 0) break;
      clock.advance(21);
    }
    expect(writes).toHaveLength(1);
    const waited = writes[0]!.at - heldAt;
    expect(waited).toBeGreaterThanOrEqual(INPUT_QUIET_POLICY.maxPostponeMs);
    expect(waited).toBeLessThan(INPUT_QUIET_POLICY.maxPostponeMs + 25);
    // It was written at an echo's moment (4 ms after a key), not between keys.
    expect((writes[0]!.at - heldAt) % 25).toBe(4);
    expect(echoes).toBeGreaterThan(1);
  });

  it('lets overdue batches go a few per echo, and all at once when echoes stop', () => {
    const clock = new FakeClock();
    const quiet = new InputQuiet(clock);
    const written: string[] = [];
    const panes = ['a', 'b', 'c', 'd', 'e'].map((name) => {
      const c = new WriteCoalescer({ clock, quiet, write: () => written.push(name) });
      c.push(new TextEncoder().encode(name), 1);
      return c;
    });
    expect(panes).toHaveLength(5);
    for (let t = 0; t <= INPUT_QUIET_POLICY.maxPostponeMs; t += 20) {
      quiet.noteKeystroke();
      clock.advance(20);
    }
    expect(written).toEqual([]);
    quiet.noteEcho();
    expect(written).toHaveLength(INPUT_QUIET_POLICY.batchesPerEcho);
    quiet.noteKeystroke();
    clock.advance(20);
    quiet.noteEcho();
    expect(written).toHaveLength(2 * INPUT_QUIET_POLICY.batchesPerEcho);
    // No more echoes: the rest go once the wait for one is over.
    clock.advance(INPUT_QUIET_POLICY.echoWaitMs);
    expect([...written].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('while typing goes on and an echo is late, lets overdue batches go a few at a time', () => {
    const clock = new FakeClock();
    const quiet = new InputQuiet(clock);
    const written: Array<{ at: number; name: string }> = [];
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
      new WriteCoalescer({ clock, quiet, write: () => written.push({ at: clock.now(), name }) }).push(new TextEncoder().encode(name), 1);
    }
    // Keys every 20 ms, never echoed.
    for (let t = 0; t < INPUT_QUIET_POLICY.maxPostponeMs + 4 * INPUT_QUIET_POLICY.echoWaitMs; t += 20) {
      quiet.noteKeystroke();
      clock.advance(20);
    }
    expect(written).toHaveLength(6);
    const perMoment = new Map<number, number>();
    for (const w of written) perMoment.set(w.at, (perMoment.get(w.at) ?? 0) + 1);
    expect(Math.max(...perMoment.values())).toBe(INPUT_QUIET_POLICY.batchesPerEcho);
    expect(perMoment.size).toBe(6 / INPUT_QUIET_POLICY.batchesPerEcho);
  });

  it('does nothing without keystrokes', () => {
    const { clock, writes, coalescer } = setup();
    coalescer.push(new TextEncoder().encode('y'), 1);
    clock.advance(300);
    expect(writes.map((w) => w.text)).toEqual(['y']);
  });
});
