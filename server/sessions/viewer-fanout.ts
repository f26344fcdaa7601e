import type { SessionId } from '../../protocol/ids';
import type { AttachReply, ScreenSnapshot } from '../../protocol/events';
import type { HostEvent, ViewerId } from './session-host';
import type { ReplayRing } from './replay-ring';
import {
  applyAck,
  createViewerFlow,
  pumpViewer,
  resetToSnapshot,
  type FlowLimits,
  type ViewerFlow,
} from './viewer-flow';

/** First wait before asking again for a snapshot that failed (mirror worker restarting
 * or stuck), doubled up to the max: a viewer waiting for one has nothing in flight, so
 * without a retry an idle session would leave it blank until the next output. */
const SNAPSHOT_RETRY_FIRST_MS = 500;
const SNAPSHOT_RETRY_MAX_MS = 30_000;

interface ViewerEntry {
  flow: ViewerFlow;
  /** False between an attach and the end of its reply: nothing is sent to a viewer
   * before it has the attach reply in hand. */
  ready: boolean;
  /** A snapshot was asked of the mirror worker and has not arrived: nothing is sent. */
  snapshotPending: boolean;
  retryDelayMs: number;
  /** Inside pump(): a listener that acks synchronously (the in-process bench and tests
   * do) re-enters pump between two frames of one batch; it only asks for another round,
   * so frames are emitted in stream order. */
  pumping: boolean;
  pumpAgain: boolean;
}

export interface ViewerFanoutOptions {
  sessionId: SessionId;
  ring: ReplayRing;
  limits: FlowLimits;
  emit: (event: HostEvent) => void;
  /** A snapshot exact at its `seq` (at least every byte in the ring when asked). */
  takeSnapshot: () => Promise<ScreenSnapshot>;
  logError: (message: string, detail: unknown) => void;
  /** Runs `fn` after the current request has replied (default: setImmediate). */
  defer?: (fn: () => void) => void;
  /** After each pump of a viewer (it may no longer need the ring). */
  afterPump?: () => void;
}

/** The viewers of one session: their flow state, and the frames and snapshots sent to them. */
export class ViewerFanout {
  private readonly viewers = new Map<ViewerId, ViewerEntry>();
  /** Viewers that said nobody types into this session's pane. Kept apart from the entry:
   * a re-attach (a resync) does not repeat the hint. */
  private readonly background = new Set<ViewerId>();
  private readonly defer: (fn: () => void) => void;

  constructor(private readonly opts: ViewerFanoutOptions) {
    this.defer = opts.defer ?? ((fn) => void setImmediate(fn));
  }

  get size(): number {
    return this.viewers.size;
  }

  has(viewerId: ViewerId): boolean {
    return this.viewers.has(viewerId);
  }

  /** Replaces any earlier state of this viewer (a re-attach after a reconnect). */
  attach(viewerId: ViewerId, fromSeq: number | undefined): AttachReply['mode'] {
    const entry: ViewerEntry = {
      flow: createViewerFlow(fromSeq, this.opts.ring),
      ready: false,
      snapshotPending: false,
      retryDelayMs: SNAPSHOT_RETRY_FIRST_MS,
      pumping: false,
      pumpAgain: false,
    };
    this.viewers.set(viewerId, entry);
    this.defer(() => {
      if (this.viewers.get(viewerId) !== entry) return;
      entry.ready = true;
      this.pump(viewerId, entry);
    });
    return entry.flow.needsSnapshot ? 'snapshot' : 'replay';
  }

  detach(viewerId: ViewerId): boolean {
    this.background.delete(viewerId);
    return this.viewers.delete(viewerId);
  }

  /** A background viewer gets the smaller window; back to interactive, it may take more at once. */
  setPriority(viewerId: ViewerId, priority: 'interactive' | 'background'): void {
    if (priority === 'background') {
      this.background.add(viewerId);
      return;
    }
    if (!this.background.delete(viewerId)) return;
    const entry = this.viewers.get(viewerId);
    if (entry?.ready === true) this.pump(viewerId, entry);
  }

  ack(viewerId: ViewerId, seq: number): void {
    const entry = this.viewers.get(viewerId);
    if (!entry || !applyAck(entry.flow, seq)) return;
    if (entry.ready) this.pump(viewerId, entry);
  }

  /** New output is in the ring: send each viewer what its window allows. */
  pumpAll(): void {
    for (const [viewerId, entry] of this.viewers) if (entry.ready) this.pump(viewerId, entry);
  }

  /** Unacked bytes per viewer, for stats and tests. */
  inFlight(viewerId: ViewerId): number | undefined {
    const f = this.viewers.get(viewerId)?.flow;
    return f ? f.sentSeq - f.ackedSeq : undefined;
  }

  clear(): void {
    this.viewers.clear();
    this.background.clear();
  }

  /** True while some viewer still reads from the ring: bytes not yet sent to it, or a
   * snapshot on its way (its frames go on from the snapshot's offset). */
  readsRing(): boolean {
    const end = this.opts.ring.end;
    for (const e of this.viewers.values()) {
      if (e.snapshotPending || (!e.flow.needsSnapshot && e.flow.sentSeq < end)) return true;
    }
    return false;
  }

  private pump(viewerId: ViewerId, entry: ViewerEntry): void {
    if (entry.pumping) {
      entry.pumpAgain = true;
      return;
    }
    entry.pumping = true;
    try {
      do {
        entry.pumpAgain = false;
        if (entry.snapshotPending || this.viewers.get(viewerId) !== entry) return;
        const result = pumpViewer(entry.flow, this.opts.ring, this.opts.limits, this.background.has(viewerId));
        if (result.snapshotDue) {
          this.requestSnapshot(viewerId, entry);
          return;
        }
        for (const frame of result.frames) {
          this.opts.emit({ type: 'output', viewerId, id: this.opts.sessionId, seq: frame.seq, data: frame.data });
        }
      } while (entry.pumpAgain);
    } finally {
      entry.pumping = false;
      this.opts.afterPump?.();
    }
  }

  /** The snapshot comes from the mirror worker; the viewer gets it, then the ring from
   * its seq (the ring covers it: it is larger than the most the mirror may lag). */
  private requestSnapshot(viewerId: ViewerId, entry: ViewerEntry): void {
    entry.snapshotPending = true;
    const current = (): boolean => this.viewers.get(viewerId) === entry;
    this.opts.takeSnapshot().then(
      (snapshot) => {
        entry.snapshotPending = false;
        if (!current()) return;
        entry.retryDelayMs = SNAPSHOT_RETRY_FIRST_MS;
        if (snapshot.seq < this.opts.ring.start || snapshot.seq > this.opts.ring.end) {
          // Cannot happen while the ring outsizes the mirror's lag (validateLimits); if it
          // did, the snapshot could not be continued from the ring: take a newer one.
          this.opts.logError(`snapshot at ${snapshot.seq} outside the ring [${this.opts.ring.start}, ${this.opts.ring.end}]`, null);
          this.pump(viewerId, entry);
          return;
        }
        resetToSnapshot(entry.flow, snapshot.seq);
        this.opts.emit({ type: 'snapshot', viewerId, snapshot });
        this.pump(viewerId, entry);
      },
      (e: unknown) => {
        entry.snapshotPending = false;
        if (!current()) return;
        this.opts.logError(`snapshot for viewer ${viewerId} failed; retrying in ${entry.retryDelayMs} ms`, e);
        const delay = entry.retryDelayMs;
        entry.retryDelayMs = Math.min(delay * 2, SNAPSHOT_RETRY_MAX_MS);
        setTimeout(() => {
          if (current() && entry.ready) this.pump(viewerId, entry);
        }, delay).unref();
      },
    );
  }
}
