import { describe, expect, it } from 'vitest';
import type { SessionId } from '../../protocol/ids';
import { InputArbiter } from './input-arbiter';

const S = 's-abcdef' as SessionId;
const OTHER = 's-ghijkl' as SessionId;

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
    a.claim(S, 10 * 60_000);
    now += 60_001;
    expect(a.heldMs(S)).toBe(0);
  });

  it('notes input requests through the watched host, and only those', async () => {
    const a = new InputArbiter({ now: () => 0 });
    const seen: string[] = [];
    const host = a.watch({
      request: async (req) => {
        seen.push(req.type);
        return { ok: true, value: null } as never;
      },
      onEvent: () => () => undefined,
      dispose: async () => undefined,
    });
    await host.request({ type: 'inject', id: S, text: 'x', submit: true });
    expect(a.heldMs(S)).toBe(0);
    await host.request({ type: 'input', id: S, data: 'x' });
    expect(a.heldMs(S)).toBeGreaterThan(0);
    expect(seen).toEqual(['inject', 'input']);
  });
});
