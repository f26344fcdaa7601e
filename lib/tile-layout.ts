/**
 * The "tile" layout of the pane grid: every pane on screen at once, as tmux's tiled layout
 * or a wall of monitors, so a person watching many agents sees all of them without
 * scrolling. Pure: the grid's size comes from the page.
 */

/** Terminal panes read best wider than tall (a header, ~80 columns, a prompt box). */
export const TILE_ASPECT = 1.6;
/** Below this a pane's header and buttons no longer fit on their lines. */
export const TILE_MIN_WIDTH_PX = 340;

const EMPTY_CELL_COST = 0.5;

export interface TileGrid {
  cols: number;
  rows: number;
}

/**
 * Columns and rows for `count` panes in a `width` × `height` area: the number of columns
 * whose cells come closest to TILE_ASPECT with the fewest empty cells, never narrower
 * than TILE_MIN_WIDTH_PX (one column at the least). Rows follow from the columns; when they do not fit the height,
 * the grid scrolls (the caller keeps a minimum row height).
 */
export function tileGrid(count: number, width: number, height: number): TileGrid {
  if (count <= 0) return { cols: 1, rows: 1 };
  const maxCols = Math.max(1, Math.min(count, Math.floor(width / TILE_MIN_WIDTH_PX)));
  let best: TileGrid = { cols: 1, rows: count };
  let bestScore = Number.POSITIVE_INFINITY;
  for (let cols = 1; cols <= maxCols; cols++) {
    const rows = Math.ceil(count / cols);
    const aspect = width / cols / (height / rows);
    // Distance on a log scale (twice too wide is as bad as twice too tall), plus a cost
    // for empty cells: nine panes read better as 3×3 than as 4×3 with three holes.
    const score = Math.abs(Math.log(aspect / TILE_ASPECT)) + (EMPTY_CELL_COST * (cols * rows - count)) / count;
    if (score < bestScore - 1e-9) {
      best = { cols, rows };
      bestScore = score;
    }
  }
  return best;
}
