/**
 * Which pane Alt+arrow moves to: the nearest pane on that side of the focused one, as in
 * tmux or an editor's split panes, not the next one in list order (which, in a grid of
 * two columns, made Alt+↓ from the top right pane land on the bottom left one). Pure:
 * the rectangles come from the page.
 */
export type Direction = 'left' | 'right' | 'up' | 'down';

export interface PaneRect {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Grid gaps and sub-pixel layout: a pane whose edge is this close counts as beside. */
const EDGE_SLACK_PX = 2;

/**
 * The pane beside `fromId` in `direction`, or null when there is none (the focus stays:
 * no wrapping around, so holding a key never circles back unexpectedly).
 *
 * Candidates lie wholly past the focused pane's edge on that side. Among them, panes that
 * share some of its span across the direction (the same row for left/right, the same
 * column for up/down) come first; then the nearest along the direction; then the one
 * whose centre is closest across it.
 */
export function paneInDirection(rects: readonly PaneRect[], fromId: string, direction: Direction): string | null {
  const from = rects.find((r) => r.id === fromId);
  if (from === undefined) return null;
  let best: { id: string; overlaps: boolean; gap: number; offset: number } | null = null;
  for (const r of rects) {
    if (r.id === fromId) continue;
    const gap = gapAlong(from, r, direction);
    if (gap < -EDGE_SLACK_PX) continue;
    const across = direction === 'left' || direction === 'right' ? span(from.top, from.bottom, r.top, r.bottom) : span(from.left, from.right, r.left, r.right);
    const candidate = { id: r.id, overlaps: across.overlap > 0, gap: Math.max(0, gap), offset: across.centreOffset };
    if (best === null || better(candidate, best)) best = candidate;
  }
  return best?.id ?? null;
}

/** How far `to` starts past `from`'s edge on that side (negative: they overlap). */
function gapAlong(from: PaneRect, to: PaneRect, direction: Direction): number {
  switch (direction) {
    case 'right':
      return to.left - from.right;
    case 'left':
      return from.left - to.right;
    case 'down':
      return to.top - from.bottom;
    case 'up':
      return from.top - to.bottom;
  }
}

function span(a0: number, a1: number, b0: number, b1: number): { overlap: number; centreOffset: number } {
  return { overlap: Math.min(a1, b1) - Math.max(a0, b0), centreOffset: Math.abs((a0 + a1) / 2 - (b0 + b1) / 2) };
}

function better(a: { overlaps: boolean; gap: number; offset: number }, b: { overlaps: boolean; gap: number; offset: number }): boolean {
  if (a.overlaps !== b.overlaps) return a.overlaps;
  if (Math.abs(a.gap - b.gap) > EDGE_SLACK_PX) return a.gap < b.gap;
  return a.offset < b.offset;
}
