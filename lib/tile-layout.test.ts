import { describe, expect, it } from 'vitest';
import { tileGrid } from './tile-layout';

describe('tileGrid', () => {
  it('lays a few panes out as a landscape screen would', () => {
    expect(tileGrid(2, 1600, 900)).toEqual({ cols: 2, rows: 1 });
    expect(tileGrid(4, 1600, 900)).toEqual({ cols: 2, rows: 2 });
    expect(tileGrid(6, 1800, 900)).toEqual({ cols: 3, rows: 2 });
    expect(tileGrid(9, 1900, 1000)).toEqual({ cols: 3, rows: 3 });
  });

  it('keeps panes wide enough for their header, in one column if need be', () => {
    expect(tileGrid(4, 600, 1000)).toEqual({ cols: 1, rows: 4 });
    expect(tileGrid(8, 1000, 400).cols).toBeLessThanOrEqual(2);
  });

  it('never gives more columns than panes, and survives no panes', () => {
    expect(tileGrid(1, 3000, 500)).toEqual({ cols: 1, rows: 1 });
    expect(tileGrid(0, 1000, 1000)).toEqual({ cols: 1, rows: 1 });
  });
});
