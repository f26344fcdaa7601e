import { realClock, type StreamClock } from './terminal-stream';

/**
 * Typing has priority over background panes. A keystroke in any pane opens a short quiet
 * window during which background batches (write-coalescer) wait, so the echo of that
 * keystroke finds the page's main thread free instead of queued behind a frame that
 * renders sixteen panes. While someone types steadily, background panes still update,
 * at least once per `maxPostponeMs`.
 */
export const INPUT_QUIET_POLICY = {
  /** Echo arrives within a few ms; 60 ms covers it and the frame that renders it. */
  afterKeystrokeMs: 60,
  /** Background panes never fall further behind than this while someone types. */
  maxPostponeMs: 1000,
} as const;

export class InputQuiet {
  private quietUntilMs = 0;

  constructor(private readonly clock: StreamClock = realClock) {}

  noteKeystroke(): void {
    this.quietUntilMs = this.clock.now() + INPUT_QUIET_POLICY.afterKeystrokeMs;
  }

  /** How long a batch held since `heldSinceMs` should still wait (0: write it now). */
  postponeMs(heldSinceMs: number): number {
    const now = this.clock.now();
    if (now - heldSinceMs >= INPUT_QUIET_POLICY.maxPostponeMs) return 0;
    return Math.max(0, this.quietUntilMs - now);
  }
}

/** One per page: every pane's keystrokes count, every background pane defers. */
export const pageInputQuiet = new InputQuiet();
