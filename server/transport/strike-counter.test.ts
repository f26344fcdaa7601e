import { describe, expect, it } from 'vitest';
import { createStrikeCounter } from './strike-counter';

describe('strike counter', () => {
  it('trips past maxStrikes within the window and forgets old strikes', () => {
    let now = 0;
    const counter = createStrikeCounter({ maxStrikes: 3, windowMs: 1000, now: () => now });
    expect([counter.strike(), counter.strike(), counter.strike()]).toEqual([false, false, false]);
    now = 1500; // the first three have left the window
    expect(counter.strike()).toBe(false);
    expect(counter.strike()).toBe(false);
    expect(counter.strike()).toBe(false);
    expect(counter.strike()).toBe(true);
  });
});
