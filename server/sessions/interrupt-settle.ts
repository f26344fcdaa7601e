/**
 * How an inject waits after an interrupt.
 *
 * Text injected while a program is still handling an interrupt can be mangled: bash,
 * redrawing its prompt after SIGINT, dropped the first character of an injected
 * `echo injected` in about 1 run in 10, and the paste mode the mirror reported was
 * stale for that moment. So shortly after an interrupt, inject first waits for the
 * output to be quiet (bounded), then reads the paste mode.
 */
export const INTERRUPT_SETTLE = {
  /** Only an inject this soon after an interrupt waits at all. */
  windowMs: 1000,
  /** Output quiet this long: the program has redrawn and waits for input. */
  quietMs: 50,
  /** Never longer than this: a program that keeps printing is not waited for. */
  maxWaitMs: 500,
  pollMs: 10,
} as const;

export interface SettleClock {
  /** When the last interrupt was sent (performance.now() time; -Infinity: never). */
  interruptedAtMs: number;
  /** When output last arrived (same clock), read again on every poll. */
  lastOutputAtMs: () => number;
}

/** Resolves at once outside the window after an interrupt; otherwise once output has
 * been quiet for a moment, or after the bounded wait. */
export async function settleAfterInterrupt(clock: SettleClock): Promise<void> {
  const start = performance.now();
  if (start - clock.interruptedAtMs > INTERRUPT_SETTLE.windowMs) return;
  while (performance.now() - start < INTERRUPT_SETTLE.maxWaitMs) {
    const now = performance.now();
    if (now - clock.lastOutputAtMs() >= INTERRUPT_SETTLE.quietMs && now - clock.interruptedAtMs >= INTERRUPT_SETTLE.quietMs) return;
    await new Promise((r) => setTimeout(r, INTERRUPT_SETTLE.pollMs));
  }
}
