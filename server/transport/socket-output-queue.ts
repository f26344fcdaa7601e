import type { OutputFrame } from '../../protocol/events';
import { encodeOutputBatch } from '../../protocol/output-batch';

/**
 * One socket's outgoing output frames, sent as `pty:output-batch` messages (see
 * protocol/output-batch.ts). A frame of an interactive session is sent at once, with
 * whatever else is held; frames of background sessions (the viewer said nobody types
 * there) wait up to `backgroundHoldMs`, so the output of many chatty panes travels in
 * a few messages a second instead of one or two per session per batch.
 */
export const OUTPUT_QUEUE_POLICY = {
  /** The browser writes a background pane at most 4 times a second anyway (lib/write-
   * coalescer.ts); holding 50 ms here cuts messages ~15x for chatty panes and adds no
   * visible delay. */
  backgroundHoldMs: 50,
  /** Past this, send at once: a flood in a background pane must not wait (and the
   * server's 2 MiB window would stall it if it did). */
  maxHeldBytes: 256 * 1024,
} as const;

export interface OutputQueueTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: OutputQueueTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class SocketOutputQueue {
  private frames: OutputFrame[] = [];
  private heldBytes = 0;
  private timer: unknown = null;
  private readonly background = new Set<string>();
  private readonly timers: OutputQueueTimers;

  constructor(private readonly opts: { send: (batch: Uint8Array) => void; timers?: OutputQueueTimers }) {
    this.timers = opts.timers ?? realTimers;
  }

  setPriority(id: string, priority: 'interactive' | 'background'): void {
    if (priority === 'background') this.background.add(id);
    else {
      this.background.delete(id);
      this.flush();
    }
  }

  /** A detached session needs no hint (a re-attach starts interactive). */
  forget(id: string): void {
    this.background.delete(id);
  }

  push(frame: OutputFrame): void {
    this.frames.push(frame);
    this.heldBytes += frame[2].byteLength;
    if (!this.background.has(frame[0]) || this.heldBytes >= OUTPUT_QUEUE_POLICY.maxHeldBytes) this.flush();
    else if (this.timer === null) this.timer = this.timers.setTimeout(() => this.flush(), OUTPUT_QUEUE_POLICY.backgroundHoldMs);
  }

  /** Sends everything held, e.g. before a snapshot, which must not overtake older frames. */
  flush(): void {
    this.cancelTimer();
    if (this.frames.length === 0) return;
    const frames = this.frames;
    this.frames = [];
    this.heldBytes = 0;
    this.opts.send(encodeOutputBatch(frames));
  }

  dispose(): void {
    this.cancelTimer();
    this.frames = [];
    this.heldBytes = 0;
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
