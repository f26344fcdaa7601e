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

interface ViewerEntry {
  flow: ViewerFlow;
  /** False between an attach and the end of its reply: nothing is sent to a viewer
   * before it has the attach reply in hand. */
  ready: boolean;
}

export interface ViewerFanoutOptions {
  sessionId: SessionId;
  ring: ReplayRing;
  limits: FlowLimits;
  emit: (event: HostEvent) => void;
  /** A snapshot exact at its `seq` (the mirror's parsed offset). */
  takeSnapshot: () => ScreenSnapshot;
  /** Runs `fn` after the current request has replied (default: setImmediate). */
  defer?: (fn: () => void) => void;
}

/** The viewers of one session: their flow state, and the frames and snapshots sent to them. */
export class ViewerFanout {
  private readonly viewers = new Map<ViewerId, ViewerEntry>();
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
    const entry: ViewerEntry = { flow: createViewerFlow(fromSeq, this.opts.ring), ready: false };
    this.viewers.set(viewerId, entry);
    this.defer(() => {
      if (this.viewers.get(viewerId) !== entry) return;
      entry.ready = true;
      this.pump(viewerId, entry);
    });
    return entry.flow.needsSnapshot ? 'snapshot' : 'replay';
  }

  detach(viewerId: ViewerId): boolean {
    return this.viewers.delete(viewerId);
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
  }

  private pump(viewerId: ViewerId, entry: ViewerEntry): void {
    let result = pumpViewer(entry.flow, this.opts.ring, this.opts.limits);
    if (result.snapshotDue) {
      const snapshot = this.opts.takeSnapshot();
      resetToSnapshot(entry.flow, snapshot.seq);
      this.opts.emit({ type: 'snapshot', viewerId, snapshot });
      result = pumpViewer(entry.flow, this.opts.ring, this.opts.limits);
    }
    for (const frame of result.frames) {
      this.opts.emit({ type: 'output', viewerId, id: this.opts.sessionId, seq: frame.seq, data: frame.data });
    }
  }
}
