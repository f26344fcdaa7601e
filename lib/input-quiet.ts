import { realClock, type StreamClock } from './terminal-stream';

/**
 * Typing has priority over background panes. A keystroke in any pane opens a short quiet
 * window during which background batches (write-coalescer) wait, so the echo of that
 * keystroke finds the page's main thread free instead of queued behind a frame that
 * renders sixteen panes. While someone types steadily, background panes still update,
 * at least once per `maxPostponeMs`.
 *
 * A batch that has waited that long is written in the wake of an echo, not at whatever
 * moment its timer fires: right after an echo the keyboard is idle (the next key is tens
 * of ms away), so the batch's parse and render fit in the gap. Overdue batches go a few
 * per echo, since sixteen at once took ~60 ms of the page's main thread and the next
 * key's echo waited behind them. Written on their timer, they landed just before a
 * keystroke about one time in three, which is what set the busy-echo p95.
 */
export const INPUT_QUIET_POLICY = {
  /** Echo arrives within a few ms; 60 ms covers it and the frame that renders it. */
  afterKeystrokeMs: 60,
  /** Background panes never fall further behind than this while someone types, plus
   * their turn in the overdue queue (a few echoes)... */
  maxPostponeMs: 1000,
  /** ...or, when no echo comes for this long (a program that does not echo, or typing
   * stopped), their turn in time. */
  echoWaitMs: 60,
  /** Overdue batches written in one echo's wake: each costs a pane's parse and render. */
  batchesPerEcho: 2,
} as const;

/** When a held batch should be written. */
export type BatchPlan =
  | { kind: 'now' }
  /** Ask again after `ms`. */
  | { kind: 'later'; ms: number }
  /** Overdue: queue it with `afterEcho`. */
  | { kind: 'after-echo' };

export class InputQuiet {
  private quietUntilMs = 0;
  /** Overdue batches' writers, oldest first. */
  private overdue: Array<() => void> = [];
  private fallbackTimer: unknown = null;

  constructor(private readonly clock: StreamClock = realClock) {}

  noteKeystroke(): void {
    this.quietUntilMs = this.clock.now() + INPUT_QUIET_POLICY.afterKeystrokeMs;
  }

  /** The pane being typed into parsed output: most likely a keystroke's echo. The oldest
   * overdue batches go now, in its wake. */
  noteEcho(): void {
    if (this.overdue.length === 0) return;
    const due = this.overdue.splice(0, INPUT_QUIET_POLICY.batchesPerEcho);
    this.armFallback(); // echoes are flowing: the rest wait for the next ones
    for (const write of due) write();
  }

  /** Queues an overdue batch's writer; the returned function takes it out again. */
  afterEcho(write: () => void): () => void {
    this.overdue.push(write);
    if (this.fallbackTimer === null) this.armFallback();
    return () => {
      this.overdue = this.overdue.filter((w) => w !== write);
      if (this.overdue.length === 0) this.clearFallback();
    };
  }

  /** What a batch held since `heldSinceMs` should do now. */
  plan(heldSinceMs: number): BatchPlan {
    const now = this.clock.now();
    const quietMs = this.quietUntilMs - now;
    if (quietMs <= 0) return { kind: 'now' };
    const overdueInMs = heldSinceMs + INPUT_QUIET_POLICY.maxPostponeMs - now;
    if (overdueInMs <= 0) return { kind: 'after-echo' };
    return { kind: 'later', ms: Math.min(quietMs, overdueInMs) };
  }

  /** No echo for echoWaitMs: once typing has stopped the rest go together; while it goes
   * on (the echo is only late, e.g. behind the last batches' render) a few go, and the
   * wait starts again. All at once there made the very burst this pacing avoids. */
  private armFallback(): void {
    this.clearFallback();
    if (this.overdue.length === 0) return;
    this.fallbackTimer = this.clock.setTimeout(() => {
      this.fallbackTimer = null;
      const typing = this.quietUntilMs > this.clock.now();
      const due = typing ? this.overdue.splice(0, INPUT_QUIET_POLICY.batchesPerEcho) : this.overdue.splice(0);
      this.armFallback();
      for (const write of due) write();
    }, INPUT_QUIET_POLICY.echoWaitMs);
  }

  private clearFallback(): void {
    if (this.fallbackTimer === null) return;
    this.clock.clearTimeout(this.fallbackTimer);
    this.fallbackTimer = null;
  }
}

/** One per page: every pane's keystrokes count, every background pane defers. */
export const pageInputQuiet = new InputQuiet();
