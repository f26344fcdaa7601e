import { describe, expect, it } from 'vitest';
import { ReplayRing } from './replay-ring';
import { applyAck, createViewerFlow, pumpViewer, resetToSnapshot, type FlowLimits } from './viewer-flow';

const limits: FlowLimits = { windowBytes: 100, backgroundWindowBytes: 50, maxFrameBytes: 40 };
const fill = (ring: ReplayRing, n: number): void => ring.append(new Uint8Array(n).fill(120));

describe('viewer flow', () => {
  it('attaches in replay mode inside the ring, snapshot mode outside', () => {
    const ring = new ReplayRing({ capacityBytes: 64, blockBytes: 16 });
    fill(ring, 200);
    expect(createViewerFlow(190, ring)).toEqual({ sentSeq: 190, ackedSeq: 190, needsSnapshot: false });
    expect(createViewerFlow(200, ring).needsSnapshot).toBe(false);
    expect(createViewerFlow(10, ring)).toEqual({ sentSeq: 200, ackedSeq: 200, needsSnapshot: true });
    expect(createViewerFlow(201, ring).needsSnapshot).toBe(true);
    expect(createViewerFlow(undefined, ring).needsSnapshot).toBe(true);
  });

  it('sends contiguous frames up to the window, then more as acks arrive', () => {
    const ring = new ReplayRing({ capacityBytes: 1024, blockBytes: 64 });
    const flow = createViewerFlow(0, ring);
    fill(ring, 250);
    const first = pumpViewer(flow, ring, limits);
    expect(first.frames.map((f) => [f.seq, f.data.byteLength])).toEqual([[0, 40], [40, 40], [80, 20]]);
    expect(pumpViewer(flow, ring, limits).frames).toEqual([]);
    expect(applyAck(flow, 60)).toBe(true);
    const second = pumpViewer(flow, ring, limits);
    expect(second.frames.map((f) => [f.seq, f.data.byteLength])).toEqual([[100, 40], [140, 20]]);
    expect(flow.sentSeq - flow.ackedSeq).toBe(100);
  });

  it('keeps a background viewer to the smaller window', () => {
    const ring = new ReplayRing({ capacityBytes: 1024, blockBytes: 64 });
    const flow = createViewerFlow(0, ring);
    fill(ring, 250);
    expect(pumpViewer(flow, ring, limits, true).frames.map((f) => [f.seq, f.data.byteLength])).toEqual([[0, 40], [40, 10]]);
    expect(pumpViewer(flow, ring, limits, true).frames).toEqual([]);
    // Typed into again: the full window at once.
    expect(pumpViewer(flow, ring, limits).frames.map((f) => [f.seq, f.data.byteLength])).toEqual([[50, 40], [90, 10]]);
  });

  it('ignores acks beyond sentSeq or behind ackedSeq', () => {
    const ring = new ReplayRing({ capacityBytes: 1024, blockBytes: 64 });
    const flow = createViewerFlow(0, ring);
    fill(ring, 50);
    pumpViewer(flow, ring, limits);
    expect(applyAck(flow, 51)).toBe(false);
    expect(applyAck(flow, 30)).toBe(true);
    expect(applyAck(flow, 20)).toBe(false);
    expect(applyAck(flow, 1.5)).toBe(false);
    expect(flow.ackedSeq).toBe(30);
  });

  it('marks a viewer that fell off the ring and resyncs it once it acked what it had', () => {
    const ring = new ReplayRing({ capacityBytes: 128, blockBytes: 32 });
    const flow = createViewerFlow(0, ring);
    fill(ring, 100);
    pumpViewer(flow, ring, limits); // 100 in flight, stalled
    fill(ring, 500); // live output runs past the ring
    expect(pumpViewer(flow, ring, limits)).toEqual({ frames: [], snapshotDue: false });
    expect(flow.needsSnapshot).toBe(true);
    applyAck(flow, 100);
    expect(pumpViewer(flow, ring, limits).snapshotDue).toBe(true);
    resetToSnapshot(flow, 560);
    const after = pumpViewer(flow, ring, limits);
    expect(after.frames.map((f) => f.seq)).toEqual([560]);
    expect(flow.sentSeq).toBe(600);
  });
});
