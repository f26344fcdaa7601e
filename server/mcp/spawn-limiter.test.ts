import { describe, expect, it } from 'vitest';
import { SpawnLimiter } from './spawn-limiter';

describe('SpawnLimiter', () => {
  it('allows up to the limit per caller in the window, then says when to retry', () => {
    let now = 1_000;
    const limiter = new SpawnLimiter({ maxPerWindow: 2, windowMs: 60_000, now: () => now });
    expect(limiter.take('a')).toEqual({ ok: true });
    now += 10_000;
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 50_000 });
    // Another caller has its own budget.
    expect(limiter.take('b')).toEqual({ ok: true });
    // The first spawn leaves the window: one more is allowed.
    now = 61_001;
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a').ok).toBe(false);
  });

  it('prunes callers with nothing left in the window', () => {
    let now = 0;
    const limiter = new SpawnLimiter({ maxPerWindow: 1, windowMs: 1000, now: () => now });
    limiter.take('a');
    now = 5000;
    limiter.prune();
    expect(limiter.take('a')).toEqual({ ok: true });
  });
});
