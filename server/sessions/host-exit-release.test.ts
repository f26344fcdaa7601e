import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionId } from '../../protocol/ids';
import { createInProcessSessionHost, type InProcessSessionHost } from './in-process-host';
import { TestViewer, create, screenText, unwrap, waitExited, waitFor } from './testing/host-harness';

/**
 * An exited session gives its replay ring back (up to replayBytes each, and up to
 * MAX_EXITED_SESSIONS of them are kept): a late viewer is served by the mirror's snapshot.
 */
let host: InProcessSessionHost;
const viewers: TestViewer[] = [];
beforeEach(() => {
  host = createInProcessSessionHost({ logger: { error: () => undefined } });
});
afterEach(async () => {
  for (const v of viewers.splice(0)) v.dispose();
  await host.dispose();
});

/** ~1.2 MB of output, then a last line that is on the final screen. */
const SCRIPT = 'seq 1 200000; echo "the final line"';

const ringHeld = (id: SessionId): number => {
  const s = host.streamState(id);
  return s === undefined ? -1 : s.emittedSeq - s.ringStartSeq;
};

function viewer(id: SessionId, name: string): TestViewer {
  const v = new TestViewer(host, id, name);
  viewers.push(v);
  return v;
}

describe('session host: an exited session releases its replay ring', () => {
  it('holds no ring bytes after exit; a late viewer and a reconnecting one get the final screen as a snapshot', async () => {
    const info = await create(host, 'sh', ['-c', SCRIPT]);
    const exited = await waitExited(host, info.id);
    expect(exited.outputBytes).toBeGreaterThan(1_000_000);
    await waitFor(() => ringHeld(info.id) === 0, 5000, 'the ring released');
    expect(host.streamState(info.id)?.emittedSeq).toBe(exited.outputBytes);

    const late = viewer(info.id, 'late');
    expect(await late.attach()).toBe('snapshot');
    await waitFor(() => late.snapshots.length === 1, 5000, 'the snapshot');
    expect(late.snapshots[0]?.seq).toBe(exited.outputBytes);
    expect(late.snapshots[0]?.data).toContain('the final line');
    expect(late.snapshots[0]?.data).toContain('199999');

    // A tab that saw the start and reconnects: its offset is no longer kept.
    const back = viewer(info.id, 'back');
    expect(await back.attach(0)).toBe('snapshot');
    await waitFor(() => back.snapshots.length === 1, 5000, 'the snapshot');
    expect(back.snapshots[0]?.data).toContain('the final line');
    // One that had everything gets nothing more, and no snapshot.
    const current = viewer(info.id, 'current');
    expect(await current.attach(exited.outputBytes)).toBe('replay');
    expect(await screenText(host, info.id)).toContain('the final line');
  }, 30_000);

  it('a restart after the release goes on with the same offsets and a working ring', async () => {
    // Enough output that the final screen is the smaller thing to keep.
    const info = await create(host, 'sh', ['-c', 'seq 1 20000; echo first run']);
    const first = await waitExited(host, info.id);
    await waitFor(() => ringHeld(info.id) === 0, 5000, 'the ring released');
    unwrap(await host.request({ type: 'restart', id: info.id }));
    const v = viewer(info.id, 'v');
    expect(await v.attach(first.outputBytes)).toBe('replay');
    await waitFor(() => v.text().includes('first run'), 5000, 'the second run');
    expect(v.errors).toEqual([]);
    const second = await waitExited(host, info.id);
    expect(second.outputBytes).toBeGreaterThan(first.outputBytes);
    expect(v.text()).toMatch(/restarted \(generation 2\)[\s\S]*first run/);
    expect(await screenText(host, info.id)).toContain('first run');
  }, 30_000);

  it('keeps the ring while a viewer still replays from it, and releases it once that viewer has every byte', async () => {
    await host.dispose();
    // A window far smaller than the output: the viewer that does not ack stays behind.
    host = createInProcessSessionHost({ windowBytes: 64 * 1024, logger: { error: () => undefined } });
    const info = await create(host, 'sh', ['-c', SCRIPT]);
    const slow = viewer(info.id, 'slow');
    slow.autoAck = false;
    expect(await slow.attach(0)).toBe('replay');
    const exited = await waitExited(host, info.id);
    // The mirror has it all: only the slow viewer holds the ring now.
    await waitFor(() => host.streamState(info.id)?.mirrorParsedSeq === exited.outputBytes, 10_000, 'the mirror');
    await new Promise((r) => setTimeout(r, 300));
    expect(slow.receivedBytes).toBeLessThan(exited.outputBytes);
    expect(ringHeld(info.id)).toBe(exited.outputBytes);
    slow.autoAck = true;
    if (slow.nextSeq !== undefined) await slow.ack(slow.nextSeq);
    await waitFor(() => slow.receivedBytes === exited.outputBytes, 10_000, 'every byte to the slow viewer');
    await waitFor(() => ringHeld(info.id) === 0, 5000, 'the ring released');
    expect(slow.snapshots).toEqual([]);
    expect(slow.errors).toEqual([]);
    expect(slow.text()).toContain('the final line');
  }, 30_000);
});
