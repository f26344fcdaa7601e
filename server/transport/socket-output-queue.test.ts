import { describe, expect, it } from 'vitest';
import type { OutputFrame } from '../../protocol/events';
import type { SessionId } from '../../protocol/ids';
import { decodeOutputBatch, encodeOutputBatch } from '../../protocol/output-batch';
import { OUTPUT_QUEUE_POLICY, SocketOutputQueue, type OutputQueueTimers } from './socket-output-queue';

const sid = (s: string) => s as SessionId;
const bytes = (s: string) => new TextEncoder().encode(s);

function decodeAll(batch: Uint8Array): Array<[string, number, string]> {
  const out: Array<[string, number, string]> = [];
  decodeOutputBatch(batch, (id, seq, data) => out.push([id, seq, new TextDecoder().decode(data)]));
  return out;
}

class FakeTimers implements OutputQueueTimers {
  pending: Array<{ fn: () => void; ms: number } | null> = [];
  setTimeout(fn: () => void, ms: number): unknown {
    this.pending.push({ fn, ms });
    return this.pending.length - 1;
  }
  clearTimeout(h: unknown): void {
    this.pending[h as number] = null;
  }
  fire(): void {
    const all = this.pending;
    this.pending = [];
    for (const t of all) t?.fn();
  }
}

describe('output batch codec', () => {
  it('round-trips frames of several sessions, large offsets and empty data included', () => {
    const frames: OutputFrame[] = [
      [sid('s-aaaaaaaa'), 0, bytes('hello')],
      [sid('s-bbbbbbbb'), 2 ** 40 + 3, bytes('é\x1b[0m')],
      [sid('s-aaaaaaaa'), 5, new Uint8Array(0)],
    ];
    expect(decodeAll(encodeOutputBatch(frames))).toEqual([
      ['s-aaaaaaaa', 0, 'hello'],
      ['s-bbbbbbbb', 2 ** 40 + 3, 'é\x1b[0m'],
      ['s-aaaaaaaa', 5, ''],
    ]);
  });

  it('rejects a truncated batch', () => {
    const batch = encodeOutputBatch([[sid('s-aaaaaaaa'), 0, bytes('hello')]]);
    expect(() => decodeAll(batch.subarray(0, batch.byteLength - 1))).toThrow(RangeError);
  });
});

describe('SocketOutputQueue', () => {
  const setup = () => {
    const timers = new FakeTimers();
    const sent: Array<Array<[string, number, string]>> = [];
    const q = new SocketOutputQueue({ send: (b) => sent.push(decodeAll(b)), timers });
    return { timers, sent, q };
  };

  it('sends interactive frames at once, with the background frames held before them, in order', () => {
    const { sent, q } = setup();
    q.setPriority('s-bg', 'background');
    q.push([sid('s-bg'), 0, bytes('a')]);
    q.push([sid('s-bg'), 1, bytes('b')]);
    expect(sent).toEqual([]);
    q.push([sid('s-fg'), 0, bytes('x')]);
    expect(sent).toEqual([[['s-bg', 0, 'a'], ['s-bg', 1, 'b'], ['s-fg', 0, 'x']]]);
  });

  it('holds background frames for one hold time, or until the size cap', () => {
    const { timers, sent, q } = setup();
    q.setPriority('s-bg', 'background');
    q.push([sid('s-bg'), 0, bytes('a')]);
    expect(timers.pending[0]?.ms).toBe(OUTPUT_QUEUE_POLICY.backgroundHoldMs);
    timers.fire();
    expect(sent).toEqual([[['s-bg', 0, 'a']]]);
    q.push([sid('s-bg'), 1, new Uint8Array(OUTPUT_QUEUE_POLICY.maxHeldBytes)]);
    expect(sent).toHaveLength(2);
  });

  it('flushes on demand and when a session becomes interactive again', () => {
    const { sent, q } = setup();
    q.setPriority('s-bg', 'background');
    q.push([sid('s-bg'), 0, bytes('a')]);
    q.flush();
    q.push([sid('s-bg'), 1, bytes('b')]);
    q.setPriority('s-bg', 'interactive');
    expect(sent).toEqual([[['s-bg', 0, 'a']], [['s-bg', 1, 'b']]]);
    q.push([sid('s-bg'), 2, bytes('c')]);
    expect(sent).toHaveLength(3);
  });
});
