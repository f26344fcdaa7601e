import { concatBytes } from '../../protocol/bytes';

/**
 * Coalesces PTY reads into batches. When output starts after a pause (a keystroke echo)
 * the batch is flushed on the next macrotask, so an echo costs microseconds, not a
 * timer's milliseconds. While output keeps flowing (the previous flush was moments ago),
 * batches wait a few milliseconds instead: a pty read is only ~4 KiB, and one message per
 * read made thousands of tiny frames a second, each costing the browser a task, a write
 * and an ack (a focused pane streamed at half the speed of a batched one). A size cap
 * flushes at once, so a flood never builds one huge batch. Pure: time is injected.
 */

/** Runs `fn` later; returns a function that cancels it. */
export type Schedule = (fn: () => void) => () => void;

/** setImmediate: after the current I/O callbacks, before any timer — the smallest delay
 * that still lets the reads of one event-loop turn land in one batch. */
const scheduleImmediate: Schedule = (fn) => {
  const handle = setImmediate(fn);
  return () => clearImmediate(handle);
};

/** Runs `fn` after `ms`; returns a function that cancels it. */
export type ScheduleAfter = (fn: () => void, ms: number) => () => void;

const scheduleAfterTimeout: ScheduleAfter = (fn, ms) => {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
};

export const BATCH_TIMING = {
  /** Output within this long of the previous flush counts as a continuing stream. */
  streamingGapMs: 8,
  /** How long a streaming batch waits for more: a few frames of a 60 Hz display would be
   * ~16 ms; 4 ms keeps a flood's frames large without making a stream visibly laggy. */
  coalesceMs: 4,
} as const;

export interface OutputBatcherOptions {
  maxPendingBytes: number;
  onFlush: (batch: Uint8Array) => void;
  schedule?: Schedule;
  scheduleAfter?: ScheduleAfter;
  now?: () => number;
}

export class OutputBatcher {
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private cancel: (() => void) | undefined;
  private flushedAtMs = Number.NEGATIVE_INFINITY;
  private readonly schedule: Schedule;
  private readonly scheduleAfter: ScheduleAfter;
  private readonly now: () => number;

  constructor(private readonly opts: OutputBatcherOptions) {
    this.schedule = opts.schedule ?? scheduleImmediate;
    this.scheduleAfter = opts.scheduleAfter ?? scheduleAfterTimeout;
    this.now = opts.now ?? (() => performance.now());
  }

  get pendingBytes(): number {
    return this.pendingLength;
  }

  /** When output last went out (the `now` clock), or -Infinity: the session's last output. */
  get lastFlushAtMs(): number {
    return this.flushedAtMs;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.pending.push(chunk);
    this.pendingLength += chunk.byteLength;
    if (this.pendingLength >= this.opts.maxPendingBytes) {
      this.flush();
    } else if (!this.cancel) {
      const run = (): void => {
        this.cancel = undefined;
        this.flush();
      };
      const streaming = this.now() - this.flushedAtMs < BATCH_TIMING.streamingGapMs;
      this.cancel = streaming ? this.scheduleAfter(run, BATCH_TIMING.coalesceMs) : this.schedule(run);
    }
  }

  /** Delivers whatever is pending now (e.g. before reporting an exit). */
  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.pendingLength === 0) return;
    const batch = concatBytes(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
    this.flushedAtMs = this.now();
    this.opts.onFlush(batch);
  }

  /** Drops pending bytes and any scheduled flush. */
  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.pending = [];
    this.pendingLength = 0;
  }
}
