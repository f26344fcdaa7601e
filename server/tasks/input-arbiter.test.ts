import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaneHold } from '../../protocol/arbitration';
import type { SessionId } from '../../protocol/ids';
import { InputArbiter } from './input-arbiter';

const S = 's-abcdef' as SessionId;
const OTHER = 's-ghijkl' as SessionId;

afterEach(() => {
  vi.useRealTimers();
});

describe('InputArbiter', () => {
  it('holds a pane for quietMs after each keystroke, per pane', () => {
    let now = 1_000;
    const a = new InputArbiter({ quietMs: 2_000, now: () => now });
    expect(a.heldMs(S)).toBe(0);
    a.typed(S);
    expect(a.heldMs(S)).toBe(2_000);
    expect(a.heldMs(OTHER)).toBe(0);
    now += 1_500;
    a.typed(S);
    now += 1_000;
    expect(a.heldMs(S)).toBe(1_000);
    now += 1_000;
    expect(a.heldMs(S)).toBe(0);
  });

  it('holds a claimed pane until release, or until the claim times out', () => {
    let now = 0;
    const a = new InputArbiter({ quietMs: 2_000, claimTtlMs: 60_000, now: () => now });
    a.claim(S);
    now = 30_000;
    expect(a.heldMs(S)).toBe(30_000);
    a.release(S);
    expect(a.heldMs(S)).toBe(0);
    a.claim(S, { ttlMs: 10 * 60_000 });
    now += 60_001;
    expect(a.heldMs(S)).toBe(0);
  });

  it('reports transitions, not keystrokes: typing, claimed, free (by timer and by release)', () => {
    vi.useFakeTimers({ now: 0 });
    const a = new InputArbiter({ quietMs: 2_000, claimTtlMs: 60_000 });
    const seen: Array<Omit<PaneHold, 'id'>> = [];
    a.onChange(({ reason, until }) => seen.push({ reason, until }));
    a.typed(S);
    vi.advanceTimersByTime(1_000);
    a.typed(S);
    vi.advanceTimersByTime(1_500);
    expect(seen).toEqual([{ reason: 'typing', until: null }]);
    vi.advanceTimersByTime(600);
    expect(seen.at(-1)).toEqual({ reason: null, until: null });
    expect(a.claim(S, { owner: 'sock-1' })).toBe(3_100 + 60_000);
    expect(a.holds()).toEqual([{ id: S, reason: 'claimed', until: 63_100 }]);
    a.typed(S); // a claim outranks typing: nothing new to report
    a.releaseOwnedBy('sock-2');
    expect(seen).toHaveLength(3);
    a.releaseOwnedBy('sock-1');
    expect(seen.at(-1)).toEqual({ reason: null, until: null });
    a.claim(S);
    vi.advanceTimersByTime(60_000);
    expect(seen.slice(-2)).toEqual([{ reason: 'claimed', until: 63_100 }, { reason: null, until: null }]);
    expect(a.holds()).toEqual([]);
  });

  it('notes input requests through the watched host, and only those', async () => {
    const a = new InputArbiter({ now: () => 0 });
    const seen: string[] = [];
    const host = a.watch({
      request: async (req) => {
        seen.push(req.type);
        return { ok: true, value: null } as never;
      },
      send: (req) => seen.push(`send ${req.type}`),
      onEvent: () => () => undefined,
      dispose: async () => undefined,
    });
    await host.request({ type: 'inject', id: S, text: 'x', submit: true });
    expect(a.heldMs(S)).toBe(0);
    await host.request({ type: 'input', id: S, data: 'x' });
    expect(a.heldMs(S)).toBeGreaterThan(0);
    expect(seen).toEqual(['inject', 'input']);
  });

  it('notes input sent without a reply too (keystrokes from a pane)', () => {
    const a = new InputArbiter({ now: () => 0 });
    const seen: string[] = [];
    const host = a.watch({
      request: async () => ({ ok: true, value: null }) as never,
      send: (req) => seen.push(req.type),
      onEvent: () => () => undefined,
      dispose: async () => undefined,
    });
    host.send({ type: 'ack', id: S, viewerId: 'v-1', seq: 0 });
    expect(a.heldMs(S)).toBe(0);
    host.send({ type: 'input', id: S, data: 'x' });
    expect(a.heldMs(S)).toBeGreaterThan(0);
    expect(seen).toEqual(['ack', 'input']);
  });
});
