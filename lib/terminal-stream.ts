import type { AttachReply, ScreenSnapshot } from '../protocol/events';
import type { Result } from '../protocol/result';
import { BACKGROUND_WRITE_POLICY, WriteCoalescer } from './write-coalescer';
import type { InputQuiet } from './input-quiet';

/** How urgently a pane needs its output: the one being typed into at once, others in batches. */
export type PanePriority = 'interactive' | 'visible' | 'hidden';

/**
 * The client half of the output path (docs/adr/0001-output-path-replay-ring.md) for one
 * pane: it turns `pty:snapshot` and the output frames of `pty:output-batch` into writes on a terminal, keeps the
 * byte offset the stream is at, and acks what the terminal has parsed so the server
 * keeps sending. It owns no socket and no DOM, so it is tested with fakes.
 */

/** The part of an xterm Terminal the stream drives. */
export interface StreamTerminal {
  write(data: string | Uint8Array, callback?: () => void): void;
  reset(): void;
  resize(cols: number, rows: number): void;
}

/** The two messages the stream sends. The socket adapter drops them while offline. */
export interface StreamTransport {
  attach(req: { id: string; fromSeq?: number }, onReply: (reply: Result<AttachReply>) => void): void;
  ack(req: { id: string; seq: number }): void;
}

export interface StreamClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: StreamClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const ACK_POLICY = {
  /** One ack per animation frame at most: acking every frame of a flood would double the
   * message count for no gain, since the server only needs to know the window moved. */
  intervalMs: 16,
  /** ...but never hold back more than this: the server stops at a 2 MiB unacked window,
   * and acking every 64 KiB keeps it streaming without a stall at the window edge. */
  maxUnackedBytes: 64 * 1024,
} as const;

export interface TerminalStreamOptions {
  id: string;
  terminal: StreamTerminal;
  transport: StreamTransport;
  clock?: StreamClock;
  /** Keystrokes on the page postpone background batches, and an interactive pane's parsed
   * output (the echo) releases overdue ones (lib/input-quiet). */
  quiet?: Pick<InputQuiet, 'plan' | 'afterEcho' | 'noteEcho'>;
  /** Every attach reply, e.g. to refresh the session's info or report a missing session. */
  onAttachReply?: (reply: Result<AttachReply>) => void;
}

interface HeldFrame {
  bytes: Uint8Array;
  endSeq: number;
}

export class TerminalStream {
  readonly id: string;
  private readonly terminal: StreamTerminal;
  private readonly transport: StreamTransport;
  private readonly clock: StreamClock;
  private readonly onAttachReply: ((reply: Result<AttachReply>) => void) | undefined;
  private readonly quiet: TerminalStreamOptions['quiet'];

  /** The next byte offset we expect; null until a snapshot tells us where the stream is. */
  private expectedSeq: number | null = null;
  /** A fresh attach is in flight: frames are meaningless until its snapshot arrives. */
  private awaitingSnapshot = false;
  /** Everything before this offset has been parsed by the terminal. */
  private parsedSeq = 0;
  private lastAckedSeq = -1;
  private lastAckAtMs = Number.NEGATIVE_INFINITY;
  private ackTimer: unknown = null;
  private pendingWrites = 0;
  /**
   * xterm's reset() does not clear its write queue, so a snapshot applied while earlier
   * writes are queued would have stale bytes parsed on top of it. The snapshot waits for
   * those writes, and the frames that follow it wait with it, in order.
   */
  private deferredSnapshot: ScreenSnapshot | null = null;
  private heldFrames: HeldFrame[] = [];
  private disposed = false;
  /** Output of a pane nobody is typing into is written in batches (see write-coalescer);
   * the pane says which it is. Until then every frame is written at once. */
  private priority: PanePriority = 'interactive';
  private readonly background: WriteCoalescer;

  constructor(options: TerminalStreamOptions) {
    this.id = options.id;
    this.terminal = options.terminal;
    this.transport = options.transport;
    this.clock = options.clock ?? realClock;
    this.onAttachReply = options.onAttachReply;
    this.quiet = options.quiet;
    this.background = new WriteCoalescer({
      clock: this.clock,
      write: (bytes, endSeq) => this.write(bytes, endSeq),
      ...(options.quiet ? { quiet: options.quiet } : {}),
    });
  }

  /** The focused pane gets every frame at once; others get batched writes. */
  setPriority(priority: PanePriority): void {
    this.priority = priority;
    if (priority === 'interactive') this.background.flush();
    else this.background.setIntervalMs(priority === 'visible' ? BACKGROUND_WRITE_POLICY.visibleIntervalMs : BACKGROUND_WRITE_POLICY.hiddenIntervalMs);
  }

  /** The stream position, for tests and debugging. */
  get position(): { expectedSeq: number | null; parsedSeq: number; ackedSeq: number } {
    return { expectedSeq: this.expectedSeq, parsedSeq: this.parsedSeq, ackedSeq: this.lastAckedSeq };
  }

  /**
   * Attach on (re)connect: resume from where we are when we know it (the server replays
   * from its ring, or sends a snapshot if that offset has left the ring), else ask for a
   * snapshot.
   */
  attach(): void {
    if (this.disposed) return;
    if (this.expectedSeq === null || this.awaitingSnapshot) {
      this.attachFresh();
      return;
    }
    this.transport.attach({ id: this.id, fromSeq: this.expectedSeq }, (r) => this.onAttachReply?.(r));
  }

  handleSnapshot(snapshot: ScreenSnapshot): void {
    if (this.disposed) return;
    this.awaitingSnapshot = false;
    this.expectedSeq = snapshot.seq;
    // Frames held for an earlier snapshot, or for a batched write, are superseded by this one.
    this.heldFrames = [];
    this.background.discard();
    if (this.pendingWrites > 0) {
      this.deferredSnapshot = snapshot;
      return;
    }
    this.applySnapshot(snapshot);
  }

  handleOutput(seq: number, data: Uint8Array): void {
    if (this.disposed || this.awaitingSnapshot || this.expectedSeq === null) return;
    const endSeq = seq + data.byteLength;
    if (endSeq <= this.expectedSeq) return; // a duplicate, e.g. replayed after a reconnect
    if (seq > this.expectedSeq) {
      // Bytes are missing: patching over a hole would corrupt the screen; start again.
      this.resync();
      return;
    }
    const bytes = seq < this.expectedSeq ? data.subarray(this.expectedSeq - seq) : data;
    this.expectedSeq = endSeq;
    if (this.deferredSnapshot) {
      this.heldFrames.push({ bytes, endSeq });
      return;
    }
    // Becoming interactive flushes what was held, so an interactive stream never holds.
    if (this.priority === 'interactive') this.write(bytes, endSeq, true);
    else this.background.push(bytes, endSeq);
  }

  dispose(): void {
    this.disposed = true;
    this.clearAckTimer();
    this.background.discard();
    this.heldFrames = [];
    this.deferredSnapshot = null;
  }

  private attachFresh(): void {
    this.awaitingSnapshot = true;
    this.deferredSnapshot = null;
    this.heldFrames = [];
    this.background.discard();
    this.transport.attach({ id: this.id }, (r) => this.onAttachReply?.(r));
  }

  private resync(): void {
    if (this.awaitingSnapshot) return;
    this.attachFresh();
  }

  private applySnapshot(snapshot: ScreenSnapshot): void {
    this.deferredSnapshot = null;
    this.terminal.reset();
    this.terminal.resize(snapshot.cols, snapshot.rows);
    this.write(snapshot.data, snapshot.seq);
    const held = this.heldFrames;
    this.heldFrames = [];
    for (const frame of held) this.write(frame.bytes, frame.endSeq);
  }

  /** `live`: output of the pane being typed into, written as it came. */
  private write(data: string | Uint8Array, endSeq: number, live = false): void {
    this.pendingWrites += 1;
    this.terminal.write(data, () => this.onParsed(endSeq, live));
  }

  private onParsed(endSeq: number, live: boolean): void {
    if (this.disposed) return;
    this.pendingWrites -= 1;
    this.parsedSeq = endSeq;
    if (live) this.quiet?.noteEcho();
    if (this.pendingWrites === 0 && this.deferredSnapshot) {
      this.applySnapshot(this.deferredSnapshot);
    }
    this.maybeAck();
  }

  private maybeAck(): void {
    if (this.parsedSeq === this.lastAckedSeq) return;
    const unackedBytes = Math.abs(this.parsedSeq - this.lastAckedSeq);
    const sinceLastMs = this.clock.now() - this.lastAckAtMs;
    if (unackedBytes >= ACK_POLICY.maxUnackedBytes) {
      this.sendAck();
    } else if (this.ackTimer === null) {
      // Small acks leave in a task of their own, never in the write callback: sending
      // one there delayed the rest of that task (xterm's onWriteParsed, then the paint of
      // a keystroke's echo) by ~0.3 ms. Ack whatever is parsed when the timer fires, at
      // most once per interval, so the last write is always acked.
      const delayMs = Math.max(0, ACK_POLICY.intervalMs - sinceLastMs);
      this.ackTimer = this.clock.setTimeout(() => {
        this.ackTimer = null;
        if (!this.disposed && this.parsedSeq !== this.lastAckedSeq) this.sendAck();
      }, delayMs);
    }
  }

  private sendAck(): void {
    this.clearAckTimer();
    this.lastAckedSeq = this.parsedSeq;
    this.lastAckAtMs = this.clock.now();
    this.transport.ack({ id: this.id, seq: this.parsedSeq });
  }

  private clearAckTimer(): void {
    if (this.ackTimer === null) return;
    this.clock.clearTimeout(this.ackTimer);
    this.ackTimer = null;
  }
}
