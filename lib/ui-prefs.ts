import { z } from 'zod';

/**
 * What the dashboard's layout remembers across reloads, in this browser (localStorage):
 * whether the tasks panel was opened or closed by hand, which pane was maximized, and
 * whether the panes scroll or are tiled to fit the screen.
 * A person who closed the panel for room, or maximized the agent they are watching,
 * should not have to do it again after every reload.
 *
 * Storage is the user's to edit or wipe, so what is read is parsed field by field: a bad
 * field falls back to its default and never breaks the page.
 */

/** 'auto': the panel follows the tasks (hidden while there are none, shown once there are). */
export type TasksPanelMode = 'auto' | 'open' | 'closed';

/** 'scroll': panes of a readable fixed height, the grid scrolls; 'tile': every pane on
 * screen at once (lib/tile-layout.ts). */
export type PaneLayout = 'scroll' | 'tile';

export interface UiPrefs {
  tasksPanel: TasksPanelMode;
  paneLayout: PaneLayout;
  /** Restored only if that session is still there. */
  maximizedSessionId: string | null;
}

export const DEFAULT_UI_PREFS: UiPrefs = { tasksPanel: 'auto', paneLayout: 'scroll', maximizedSessionId: null };

export const UI_PREFS_KEY = 'axiom-console:layout';

const prefsSchema = z.object({
  tasksPanel: z.enum(['auto', 'open', 'closed']).catch(DEFAULT_UI_PREFS.tasksPanel),
  paneLayout: z.enum(['scroll', 'tile']).catch(DEFAULT_UI_PREFS.paneLayout),
  maximizedSessionId: z.string().max(128).nullable().catch(DEFAULT_UI_PREFS.maximizedSessionId),
});

/** Never throws: missing, garbled or foreign values give the defaults. */
export function parseUiPrefs(raw: string | null): UiPrefs {
  if (raw === null) return { ...DEFAULT_UI_PREFS };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_UI_PREFS };
  }
  // .catch() per field: a missing field (one an older page did not write) takes its default
  // too; only a value that is not an object at all fails as a whole.
  const parsed = prefsSchema.safeParse(value);
  return parsed.success ? parsed.data : { ...DEFAULT_UI_PREFS };
}

/** The part of Storage used here; null where storage is unavailable. */
export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'> | null;

/** localStorage, or null where reading it throws (blocked storage, sandboxed frames). */
export function browserStorage(): PrefsStorage {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function loadUiPrefs(storage: PrefsStorage): UiPrefs {
  try {
    return parseUiPrefs(storage?.getItem(UI_PREFS_KEY) ?? null);
  } catch {
    return { ...DEFAULT_UI_PREFS };
  }
}

/** Merges `change` into what is stored. A full or blocked storage only loses the preference. */
export function saveUiPrefs(storage: PrefsStorage, change: Partial<UiPrefs>): void {
  if (storage === null) return;
  try {
    storage.setItem(UI_PREFS_KEY, JSON.stringify({ ...loadUiPrefs(storage), ...change }));
  } catch {
    // Quota exceeded or storage disabled: the layout is simply not remembered.
  }
}
