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

  it('does nothing without keystrokes', () => {
    const { clock, writes, coalescer } = setup();
    coalescer.push(new TextEncoder().encode('y'), 1);
    clock.advance(300);
    expect(writes.map((w) => w.text)).toEqual(['y']);
  });
});
