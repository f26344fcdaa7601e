/**
 * Coalesces PTY reads into batches: flushed on the next macrotask (so a keystroke echo
 * costs microseconds, not a timer's milliseconds), or at once when the pending bytes pass
 * a cap (so a flood never builds one huge batch). Pure: the scheduler is injected.
 */

/** Runs `fn` later; returns a function that cancels it. */
export type Schedule = (fn: () => void) => () => void;

/** setImmediate: after the current I/O callbacks, before any timer — the smallest delay
 * that still lets the reads of one event-loop turn land in one batch. */
export const scheduleImmediate: Schedule = (fn) => {
  const handle = setImmediate(fn);
  return () => clearImmediate(handle);
};

export interface OutputBatcherOptions {
  maxPendingBytes: number;
  onFlush: (batch: Uint8Array) => void;
  schedule?: Schedule;
}

export class OutputBatcher {
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private cancel: (() => void) | undefined;
  private readonly schedule: Schedule;

  constructor(private readonly opts: OutputBatcherOptions) {
    this.schedule = opts.schedule ?? scheduleImmediate;
  }

  get pendingBytes(): number {
    return this.pendingLength;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.pending.push(chunk);
    this.pendingLength += chunk.byteLength;
    if (this.pendingLength >= this.opts.maxPendingBytes) {
      this.flush();
    } else if (!this.cancel) {
      this.cancel = this.schedule(() => {
        this.cancel = undefined;
        this.flush();
      });
    }
  }

  /** Delivers whatever is pending now (e.g. before reporting an exit). */
  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.pendingLength === 0) return;
    const batch = concatChunks(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
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

export function concatChunks(chunks: readonly Uint8Array[], totalBytes: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(totalBytes);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
