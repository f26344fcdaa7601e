import { describe, expect, it } from 'vitest';
import { paneInDirection, type PaneRect } from './pane-navigation';

/** Panes of 400×300 in a grid of `cols` columns with 16 px gaps, in reading order. */
function grid(ids: string[], cols: number): PaneRect[] {
  return ids.map((id, i) => {
    const left = (i % cols) * 416;
    const top = Math.floor(i / cols) * 316;
    return { id, left, top, right: left + 400, bottom: top + 300 };
  });
}

describe('paneInDirection', () => {
  const two = grid(['a', 'b', 'c', 'd'], 2); // a b / c d

  it('moves to the pane on that side in a grid', () => {
    expect(paneInDirection(two, 'a', 'right')).toBe('b');
    expect(paneInDirection(two, 'b', 'down')).toBe('d');
    expect(paneInDirection(two, 'd', 'left')).toBe('c');
    expect(paneInDirection(two, 'c', 'up')).toBe('a');
  });

  it('stays at an edge instead of wrapping or jumping to another row', () => {
    expect(paneInDirection(two, 'c', 'left')).toBeNull();
    expect(paneInDirection(two, 'b', 'right')).toBeNull();
    expect(paneInDirection(two, 'a', 'up')).toBeNull();
    expect(paneInDirection(two, 'd', 'down')).toBeNull();
  });

  it('prefers the same row or column, then the nearest, then the best aligned', () => {
    const three = grid(['a', 'b', 'c', 'd', 'e', 'f'], 3); // a b c / d e f
    expect(paneInDirection(three, 'a', 'right')).toBe('b');
    expect(paneInDirection(three, 'e', 'up')).toBe('b');
    // A wide pane below two narrow ones: up goes to the one whose centre is nearer.
    const wide: PaneRect[] = [
      { id: 'l', left: 0, top: 0, right: 400, bottom: 300 },
      { id: 'r', left: 416, top: 0, right: 816, bottom: 300 },
      { id: 'w', left: 300, top: 316, right: 816, bottom: 616 },
    ];
    expect(paneInDirection(wide, 'w', 'up')).toBe('r');
    expect(paneInDirection(wide, 'l', 'down')).toBe('w');
  });

  it('reaches a pane with no overlap when it is the only one on that side', () => {
    // A last row with one pane on the left: nothing shares its row or b's column, but
    // each lies wholly on the other's side.
    const odd = grid(['a', 'b', 'c'], 2); // a b / c
    expect(paneInDirection(odd, 'c', 'right')).toBe('b');
    expect(paneInDirection(odd, 'b', 'down')).toBe('c');
    expect(paneInDirection(odd, 'c', 'up')).toBe('a');
  });

  it('is null for a pane it does not know', () => {
    expect(paneInDirection(two, 'zz', 'left')).toBeNull();
  });
});
