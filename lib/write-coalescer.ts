import { concatBytes } from '../protocol/bytes';
import type { StreamClock } from './terminal-stream';
import type { InputQuiet } from './input-quiet';

/**
 * Holds a background pane's output frames and hands them to the terminal in batches, so
 * a pane nobody is typing into renders a few times a second instead of every frame.
 *
 * Why: with the DOM renderer each write that scrolls re-renders the pane's rows on the
 * next animation frame. Sixteen chatty panes at 60 renders a second kept the page's main
 * thread over 90 % busy and pushed keystroke echo in the focused pane to 40 ms (p50).
 * The focused pane is never held; a large burst is never held either (it would only
 * delay acks and throttle the stream at the server's window).
 *
 * Batches are due on a shared phase: at the next multiple of the interval on the page's
 * clock, not `interval` after each pane's first held frame. So every background pane
 * writes in the same task and they all render in one animation frame. With each pane on
 * its own phase, sixteen chatty panes made ~40 frames a second, each paying the page's
 * whole per-frame cost (style, paint, layerize, commit) for one pane's rows.
 */
export const BACKGROUND_WRITE_POLICY = {
  /** A visible pane nobody types into: four renders a second is enough to follow a log. */
  visibleIntervalMs: 250,
  /** A pane scrolled out of view renders nothing, but every write still costs the page
   * scroll-area updates; once a second keeps its screen current at almost no cost. */
  hiddenIntervalMs: 1000,
  /** Past this, write at once: throughput matters more than render count for a flood. */
  maxHeldBytes: 256 * 1024,
} as const;

export interface CoalescerOptions {
  clock: StreamClock;
  /** Receives the held bytes, concatenated, and the stream offset after them. */
  write: (bytes: Uint8Array, endSeq: number) => void;
  maxHeldBytes?: number;
  /** Keystrokes anywhere on the page postpone batches (see input-quiet). */
  quiet?: BatchQuiet;
}

/** The part of InputQuiet a coalescer uses. */
export type BatchQuiet = Pick<InputQuiet, 'plan' | 'afterEcho'>;

export class WriteCoalescer {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private heldEndSeq = 0;
  private heldSinceMs = 0;
  private timer: unknown = null;
  private cancelEchoWait: (() => void) | null = null;
  private intervalMs: number = BACKGROUND_WRITE_POLICY.visibleIntervalMs;
  private readonly maxHeldBytes: number;

  constructor(private readonly opts: CoalescerOptions) {
    this.maxHeldBytes = opts.maxHeldBytes ?? BACKGROUND_WRITE_POLICY.maxHeldBytes;
  }

  /** Takes effect from the next batch. */
  setIntervalMs(ms: number): void {
    this.intervalMs = ms;
  }

  push(bytes: Uint8Array, endSeq: number): void {
    if (this.heldBytes === 0) this.heldSinceMs = this.opts.clock.now();
    this.held.push(bytes);
    this.heldBytes += bytes.byteLength;
    this.heldEndSeq = endSeq;
    if (this.heldBytes >= this.maxHeldBytes) this.flush();
    else if (this.timer === null && this.cancelEchoWait === null) this.schedule(this.delayToNextPhaseMs());
  }

  /** Writes whatever is held now (the pane took focus, or the interval passed). */
  flush(): void {
    this.cancelTimer();
    if (this.heldBytes === 0) return;
    const bytes = concatBytes(this.held, this.heldBytes);
    const endSeq = this.heldEndSeq;
    this.held = [];
    this.heldBytes = 0;
    this.opts.write(bytes, endSeq);
  }

  /** Forgets held bytes: a snapshot supersedes them. */
  discard(): void {
    this.cancelTimer();
    this.held = [];
    this.heldBytes = 0;
  }

  private schedule(delayMs: number): void {
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null;
      this.due();
    }, delayMs);
  }

  /** The batch's interval is over: write it, unless someone is typing (input-quiet). */
  private due(): void {
    const quiet = this.opts.quiet;
    const plan = quiet?.plan(this.heldSinceMs) ?? { kind: 'now' as const };
    if (quiet === undefined || plan.kind === 'now') {
      this.flush();
    } else if (plan.kind === 'later') {
      this.schedule(plan.ms);
    } else {
      // Overdue: written in an echo's wake, in its turn (input-quiet).
      this.cancelEchoWait = quiet.afterEcho(() => {
        this.cancelEchoWait = null;
        this.flush();
      });
    }
  }

  /** Time to the next multiple of the interval (a full interval when exactly on one). */
  private delayToNextPhaseMs(): number {
    const intoMs = this.opts.clock.now() % this.intervalMs;
    return this.intervalMs - intoMs;
  }

  private cancelTimer(): void {
    this.cancelEchoWait?.();
    this.cancelEchoWait = null;
    if (this.timer === null) return;
    this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
