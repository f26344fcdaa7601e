import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INTERRUPT_SETTLE, settleAfterInterrupt } from './interrupt-settle';

/** Milliseconds (fake clock) until the settle resolves. */
async function settleTime(interruptedAgoMs: number, lastOutputAtMs: () => number): Promise<number> {
  const start = performance.now();
  let doneAt: number | null = null;
  void settleAfterInterrupt({ interruptedAtMs: start - interruptedAgoMs, lastOutputAtMs }).then(() => {
    doneAt = performance.now();
  });
  for (let i = 0; i < 200 && doneAt === null; i++) await vi.advanceTimersByTimeAsync(INTERRUPT_SETTLE.pollMs);
  if (doneAt === null) throw new Error('never settled');
  return (doneAt as number) - start;
}

describe('settleAfterInterrupt', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not wait outside the window after an interrupt', async () => {
    expect(await settleTime(INTERRUPT_SETTLE.windowMs + 1, () => Number.NEGATIVE_INFINITY)).toBe(0);
  });

  it('waits for the interrupt to be quietMs old when there is no output', async () => {
    const ms = await settleTime(0, () => Number.NEGATIVE_INFINITY);
    expect(ms).toBeGreaterThanOrEqual(INTERRUPT_SETTLE.quietMs);
    expect(ms).toBeLessThan(INTERRUPT_SETTLE.quietMs + 2 * INTERRUPT_SETTLE.pollMs);
  });

  it('waits until the output has been quiet, not just the interrupt', async () => {
    const t0 = performance.now();
    // The program redraws for 120 ms after the interrupt, then goes quiet.
    const ms = await settleTime(0, () => Math.min(performance.now(), t0 + 120));
    expect(ms).toBeGreaterThanOrEqual(120 + INTERRUPT_SETTLE.quietMs);
    expect(ms).toBeLessThan(INTERRUPT_SETTLE.maxWaitMs);
  });

  it('gives up after maxWaitMs on a program that keeps printing', async () => {
    const ms = await settleTime(0, () => performance.now());
    expect(ms).toBeGreaterThanOrEqual(INTERRUPT_SETTLE.maxWaitMs);
    expect(ms).toBeLessThan(INTERRUPT_SETTLE.maxWaitMs + 2 * INTERRUPT_SETTLE.pollMs);
  });
});
