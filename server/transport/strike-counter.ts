/**
 * Counts a socket's malformed messages in a sliding window. A client that keeps sending
 * garbage is buggy or hostile; past the limit its socket is disconnected (the server and
 * every other client carry on). Pure, with an injected clock, so it is unit tested
 * without sleeping.
 */
export const MALFORMED_LIMITS = {
  /** Generous: a well-behaved client sends none, a buggy release might send a few per
   * second while a user types; only a flood crosses this. */
  maxStrikes: 50,
  /** The window the strikes are counted in. */
  windowMs: 10_000,
} as const;

export interface StrikeCounterOptions {
  maxStrikes: number;
  windowMs: number;
  now: () => number;
}

export interface StrikeCounter {
  /** Records one malformed message; true when the limit is now exceeded. */
  strike(): boolean;
}

export function createStrikeCounter(options: StrikeCounterOptions): StrikeCounter {
  const times: number[] = [];
  return {
    strike() {
      const now = options.now();
      times.push(now);
      while (times.length > 0 && (times[0] ?? now) <= now - options.windowMs) times.shift();
      return times.length > options.maxStrikes;
    },
  };
}
