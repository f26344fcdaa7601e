/**
 * Spawns per caller per minute: a sliding window of spawn times per caller key. Pure (the
 * clock is injected). It stops one runaway agent (a loop that spawns on every turn) from
 * filling the machine with agents; the scheduler's concurrency limit then only queues them.
 */
export interface SpawnLimiterOptions {
  maxPerWindow: number;
  windowMs: number;
  now?: () => number;
}

export const SPAWN_LIMIT = {
  /** 30 a minute is far above what a planning agent needs (a fan-out of a few children per
   * turn) and far below what a loop produces. */
  maxPerWindow: 30,
  windowMs: 60_000,
} as const;

export type SpawnDecision = { ok: true } | { ok: false; retryAfterMs: number };

export class SpawnLimiter {
  private readonly times = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: SpawnLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Records a spawn for `caller` when under the limit. */
  take(caller: string): SpawnDecision {
    const now = this.now();
    const since = now - this.options.windowMs;
    const recent = (this.times.get(caller) ?? []).filter((t) => t > since);
    if (recent.length >= this.options.maxPerWindow) {
      this.times.set(caller, recent);
      return { ok: false, retryAfterMs: (recent[0] ?? now) + this.options.windowMs - now };
    }
    recent.push(now);
    this.times.set(caller, recent);
    return { ok: true };
  }

  /** Drops callers with no spawn in the window, so the map does not grow with dead callers. */
  prune(): void {
    const since = this.now() - this.options.windowMs;
    for (const [caller, times] of this.times) {
      if (!times.some((t) => t > since)) this.times.delete(caller);
    }
  }
}
