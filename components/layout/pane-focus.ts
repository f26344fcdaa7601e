/**
 * Where a focus shortcut (Alt+arrows, Alt+[ / ]) takes the keyboard, from the panes as the
 * page lays them out now.
 */
import { cycleIndex, type ShortcutAction } from '@/lib/keyboard-shortcuts';
import { paneInDirection, type Direction, type PaneRect } from '@/lib/pane-navigation';

export type FocusAction = Exclude<ShortcutAction, 'toggle-maximize' | 'new-session' | 'focus-waiting'>;

/** The session a focus shortcut moves to, or null to stay. Arrows go to the pane on that
 * side as laid out now; with a pane maximized (the only one shown), or none focused yet,
 * they go through the panes in order as the brackets do. */
export function paneToFocus(action: FocusAction, ids: string[], focused: string | null, maximized: boolean): string | null {
  const forward = action === 'focus-next' || action === 'focus-right' || action === 'focus-down';
  const direction = DIRECTIONS[action];
  if (direction !== undefined && focused !== null && !maximized) return paneInDirection(paneRects(ids), focused, direction);
  return ids[cycleIndex(ids.indexOf(focused ?? ''), forward ? 1 : -1, ids.length)] ?? null;
}

const DIRECTIONS: Partial<Record<FocusAction, Direction>> = {
  'focus-left': 'left',
  'focus-right': 'right',
  'focus-up': 'up',
  'focus-down': 'down',
};

/** Where each shown pane is on the page now (panes scrolled out of the grid's view
 * included; hidden ones left out). */
function paneRects(ids: string[]): PaneRect[] {
  const rects: PaneRect[] = [];
  for (const id of ids) {
    const el = document.querySelector<HTMLElement>(`section[data-session-id="${CSS.escape(id)}"]`);
    const r = el?.getBoundingClientRect();
    if (r !== undefined && r.width > 0 && r.height > 0) rects.push({ id, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  }
  return rects;
}
