import { describe, expect, it } from 'vitest';
import { ReplayRing } from './replay-ring';

const seqBytes = (from: number, n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (from + i) % 251);

describe('ReplayRing', () => {
  it('returns exact slices across block boundaries', () => {
    const ring = new ReplayRing({ capacityBytes: 64, blockBytes: 8 });
    ring.append(seqBytes(0, 5));
    ring.append(seqBytes(5, 20));
    expect(ring.start).toBe(0);
    expect(ring.end).toBe(25);
    expect([...(ring.slice(3, 4) ?? [])]).toEqual([...seqBytes(3, 4)]);
    expect([...(ring.slice(6, 100) ?? [])]).toEqual([...seqBytes(6, 19)]);
    expect(ring.slice(25, 10)).toBeUndefined();
  });

  it('trims whole oldest blocks but always keeps the capacity', () => {
    const ring = new ReplayRing({ capacityBytes: 16, blockBytes: 8 });
    for (let i = 0; i < 100; i += 3) ring.append(seqBytes(i, 3));
    expect(ring.end).toBe(102);
    expect(ring.heldBytes).toBeGreaterThanOrEqual(16);
    expect(ring.heldBytes).toBeLessThanOrEqual(16 + 8);
    expect(ring.start % 8).toBe(0);
    expect(ring.slice(ring.start - 1, 4)).toBeUndefined();
    expect([...(ring.slice(ring.start, 200) ?? [])]).toEqual([...seqBytes(ring.start, ring.heldBytes)]);
  });

  it('holds one-byte appends compactly', () => {
    const ring = new ReplayRing({ capacityBytes: 1024, blockBytes: 256 });
    for (let i = 0; i < 5000; i++) ring.append(seqBytes(i, 1));
    expect(ring.heldBytes).toBeLessThanOrEqual(1024 + 256);
    expect([...(ring.slice(4990, 10) ?? [])]).toEqual([...seqBytes(4990, 10)]);
  });

  it('clear() gives back every byte and keeps the offsets going', () => {
    const ring = new ReplayRing({ capacityBytes: 64, blockBytes: 8 });
    ring.append(seqBytes(0, 40));
    ring.clear();
    expect([ring.start, ring.end, ring.heldBytes]).toEqual([40, 40, 0]);
    expect(ring.slice(39, 1)).toBeUndefined();
    ring.append(seqBytes(40, 5));
    expect([ring.start, ring.end]).toEqual([40, 45]);
    expect([...(ring.slice(40, 5) ?? [])]).toEqual([...seqBytes(40, 5)]);
  });

  it('refuses a capacity below one block', () => {
    expect(() => new ReplayRing({ capacityBytes: 4, blockBytes: 8 })).toThrow();
  });
});
