import { describe, expect, it } from 'vitest';
import { busyShare, parseMachineTicks } from './quiet-machine';

describe('parseMachineTicks', () => {
  it('counts idle and iowait as idle, the rest (steal included) as busy', () => {
    const stat = 'cpu  100 10 50 800 20 0 5 15 0 0\ncpu0 50 5 25 400 10 0 2 7 0 0\n';
    expect(parseMachineTicks(stat)).toEqual({ busy: 180, total: 1000 });
  });
});

describe('busyShare', () => {
  it('is the busy fraction of the ticks between two samples', () => {
    expect(busyShare({ busy: 100, total: 1000 }, { busy: 150, total: 1200 })).toBe(0.25);
  });

  it('is 0 when no tick passed', () => {
    expect(busyShare({ busy: 100, total: 1000 }, { busy: 100, total: 1000 })).toBe(0);
  });
});
