/**
 * Per-viewer flow control over the session's replay ring (ADR 0001). Pure: no I/O, no
 * timers; the session calls `pumpViewer` whenever output arrives or a viewer acks, and
 * sends what it returns.
 */

export interface ViewerFlow {
  /** Offset of the next byte to send. */
  sentSeq: number;
  /** Every byte before this offset was parsed by the viewer's terminal. */
  ackedSeq: number;
  /** The viewer's stream is broken (fresh attach, or it fell off the ring): it gets a
   * snapshot before any further frame. */
  needsSnapshot: boolean;
}

/** What the pump reads from the ring. */
export interface RingView {
  readonly start: number;
  readonly end: number;
  slice(from: number, maxBytes: number): Uint8Array | undefined;
}

export interface FlowLimits {
  /** Most unacknowledged bytes a viewer may have in flight. */
  windowBytes: number;
  /** The same for a background viewer (a pane nobody types into, pty:priority): its
   * frames share the browser's socket with the echo of the pane being typed into, and
   * every byte in flight ahead of that echo delays it. */
  backgroundWindowBytes: number;
  /** Largest single frame. */
  maxFrameBytes: number;
}

export interface Frame {
  seq: number;
  data: Uint8Array;
}

export interface PumpResult {
  frames: Frame[];
  /** True when the caller must send a snapshot now (and then call `resetToSnapshot` and
   * pump again): the viewer needs one and has nothing in flight. */
  snapshotDue: boolean;
}

export function createViewerFlow(fromSeq: number | undefined, ring: RingView): ViewerFlow {
  if (fromSeq !== undefined && fromSeq >= ring.start && fromSeq <= ring.end) {
    return { sentSeq: fromSeq, ackedSeq: fromSeq, needsSnapshot: false };
  }
  return { sentSeq: ring.end, ackedSeq: ring.end, needsSnapshot: true };
}

/** Applies an ack; one beyond what was sent, or behind an earlier ack, is ignored (a stale
 * or forged ack must not open the window nor crash anything). Returns whether it counted. */
export function applyAck(flow: ViewerFlow, seq: number): boolean {
  if (!Number.isInteger(seq) || seq > flow.sentSeq || seq < flow.ackedSeq) return false;
  flow.ackedSeq = seq;
  return true;
}

export function resetToSnapshot(flow: ViewerFlow, snapshotSeq: number): void {
  flow.sentSeq = snapshotSeq;
  flow.ackedSeq = snapshotSeq;
  flow.needsSnapshot = false;
}

/** Frames to send now, within the window (the smaller one for a `background` viewer);
 * mutates `sentSeq`. */
export function pumpViewer(flow: ViewerFlow, ring: RingView, limits: FlowLimits, background = false): PumpResult {
  if (flow.sentSeq < ring.start) flow.needsSnapshot = true;
  if (flow.needsSnapshot) {
    return { frames: [], snapshotDue: flow.ackedSeq >= flow.sentSeq };
  }
  const frames: Frame[] = [];
  // Never wider than the full window (a small windowBytes set alone narrows both).
  const windowBytes = background ? Math.min(limits.backgroundWindowBytes, limits.windowBytes) : limits.windowBytes;
  while (flow.sentSeq < ring.end) {
    const room = windowBytes - (flow.sentSeq - flow.ackedSeq);
    if (room <= 0) break;
    const data = ring.slice(flow.sentSeq, Math.min(room, limits.maxFrameBytes));
    if (!data || data.byteLength === 0) break;
    frames.push({ seq: flow.sentSeq, data });
    flow.sentSeq += data.byteLength;
  }
  return { frames, snapshotDue: false };
}
