import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats';

describe('percentile', () => {
  it('uses nearest rank', () => {
    const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 95)).toBe(10);
    expect(percentile(xs, 10)).toBe(1);
    expect(xs[0]).toBe(5);
  });
  it('is NaN for no samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
  it('summarizes', () => {
    expect(summarize([1, 2, 3, 4])).toMatchObject({ n: 4, p50: 2, max: 4, mean: 2.5 });
  });
});
