import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCast } from '../../protocol/asciicast';
import { sessionInfo } from '../store/testing/fixtures';
import { CastEncoder, cutMarkerText } from './cast-encoder';
import { createRecorder, RECORDING_TIMING, type Recorder } from './recorder';
import { waitFor } from '../sessions/testing/host-harness';

/**
 * Resizes, restart markers, exits and removals go through the same queue as output: in
 * order, and never a synchronous encode of a whole flood's queue on the hot path.
 */
const dirs: string[] = [];
const recorders: Recorder[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const r of recorders.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const START_MS = 1_000;
const WALL_MS = 1_700_000_000_000;
const TERM = 'xterm-256color';

function rig(maxBytes = 1 << 30): { recorder: Recorder; clock: { ms: number } } {
  const dir = mkdtempSync(join(tmpdir(), 'axiom-rec-ev-'));
  dirs.push(dir);
  const clock = { ms: START_MS };
  const recorder = createRecorder({ dir, maxBytes, term: TERM, logError: () => undefined, now: () => clock.ms, wallNow: () => WALL_MS });
  recorders.push(recorder);
  return { recorder, clock };
}

const info = sessionInfo('s-events0001');
/** Ends inside 漢 (e6 bc a2): the exit must write the held-back bytes as U+FFFD. */
const chunk = new TextEncoder().encode(`${'flood 0123456789 écrit\r\n'.repeat(4000)}\u6f22`).subarray(0, -2);
const batches = Math.ceil((3 * RECORDING_TIMING.sliceBytes) / chunk.byteLength);

/** What the file must hold: each line encoded in call order, as the recorder always wrote it. */
function expectedFile(maxBytes: number, resizeAtMs: number, exitAtMs: number): Buffer {
  const enc = new CastEncoder({ startMs: START_MS, maxBytes });
  const lines = [enc.header({ version: 2, width: info.cols, height: info.rows, timestamp: Math.floor(WALL_MS / 1000), title: `${info.name} — ${info.command}`, env: { TERM } })];
  for (let i = 0; i < batches; i += 1) lines.push(enc.output(START_MS + i, chunk));
  lines.push(enc.resize(resizeAtMs, 120, 40));
  lines.push(enc.output(resizeAtMs, chunk));
  lines.push(enc.endOfStream(exitAtMs));
  return Buffer.concat(lines);
}

/** A flood of `batches` chunks, then (at 5 s) a resize and one more chunk and (at 6 s) the
 * exit, queued behind it. Returns the spy on encoding, set before the events are queued. */
function floodAndQueueBehind(recorder: ReturnType<typeof rig>['recorder'], clock: ReturnType<typeof rig>['clock']) {
  recorder.started(info);
  for (let i = 0; i < batches; i += 1) {
    clock.ms = START_MS + i;
    recorder.output(info.id, chunk);
  }
  const encode = vi.spyOn(CastEncoder.prototype, 'output');
  clock.ms = 5_000;
  recorder.resized(info.id, 120, 40);
  recorder.output(info.id, chunk);
  clock.ms = 6_000;
  recorder.exited(info.id);
  return encode;
}

describe('recorder: events queued behind output', () => {
  it('a resize and an exit behind a flood encode nothing at once; the file is byte for byte the in-order encoding', async () => {
    const { recorder, clock } = rig();
    const expected = expectedFile(1 << 30, 5_000, 6_000);
    const encode = floodAndQueueBehind(recorder, clock);
    // Nothing encoded on the caller's turn: the slices on the timer do it.
    expect(encode).not.toHaveBeenCalled();

    const path = recorder.pathFor(info.id);
    // No explicit flush: the timer and its slices write all of it, and close the file.
    await waitFor(() => existsSync(path) && readFileSync(path).byteLength === expected.byteLength, 10_000, 'the whole file');
    expect(readFileSync(path).equals(expected)).toBe(true);
    expect(encode.mock.calls.length).toBe(batches + 1);
    const events = parseCast(readFileSync(path, 'utf8'))?.events ?? [];
    expect(events.filter((e) => e[1] !== 'o')).toEqual([[4, 'r', '120x40']]);
    expect(events.at(-1)).toEqual([5, 'o', '\ufffd']);
  });

  it('a removed session is written out in slices too, and flush() waits for it', async () => {
    const { recorder, clock } = rig();
    const encode = floodAndQueueBehind(recorder, clock);
    recorder.closed(info.id);
    expect(encode).not.toHaveBeenCalled();
    await recorder.flush();
    expect(readFileSync(recorder.pathFor(info.id)).equals(expectedFile(1 << 30, 5_000, 6_000))).toBe(true);
  });

  it("a flood's output is written on the next turn; a trickle waits for the flush delay", async () => {
    // The flush delay's timer never fires here: only the next-turn path can write.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { recorder } = rig();
    const path = recorder.pathFor(info.id);
    recorder.started(info);
    recorder.output(info.id, new TextEncoder().encode('prompt$ '));
    for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    expect(existsSync(path)).toBe(false);

    recorder.output(info.id, new Uint8Array(RECORDING_TIMING.eagerBytes).fill(0x61));
    const until = Date.now() + 5_000;
    while (!(existsSync(path) && readFileSync(path).byteLength > RECORDING_TIMING.eagerBytes)) {
      if (Date.now() > until) throw new Error('the flood was not written without the timer');
      await new Promise((r) => setImmediate(r));
    }
    const events = parseCast(readFileSync(path, 'utf8'))?.events ?? [];
    expect(events.map((e) => e[2].length)).toEqual([8, RECORDING_TIMING.eagerBytes]);
  });

  it('nothing follows the cut marker, not even an event queued behind the output that crossed the cap', async () => {
    const maxBytes = 4096;
    const { recorder, clock } = rig(maxBytes);
    recorder.started(info);
    recorder.output(info.id, new TextEncoder().encode('x'.repeat(8192)));
    clock.ms = 2_000;
    recorder.resized(info.id, 100, 30);
    recorder.exited(info.id);
    await recorder.flush(info.id);
    const events = parseCast(readFileSync(recorder.pathFor(info.id), 'utf8'))?.events ?? [];
    // The part of the crossing output that fits, then the marker, then nothing.
    expect(events).toEqual([[0, 'o', expect.stringMatching(/^x{3000,}$/)], [0, 'o', cutMarkerText(maxBytes)]]);
  });
});
