/**
 * Dashboard shortcuts. One matcher serves both the window keydown listener and each
 * xterm's custom key handler, which must return false for these keys so the terminal
 * lets them bubble instead of sending them to the program (Alt+Left would otherwise
 * become ESC [1;3D). Matching uses `code`, not `key`, because on macOS Option+N types
 * a dead key and Option+[ a quote character.
 */
export type ShortcutAction =
  | 'focus-prev'
  | 'focus-next'
  | 'focus-left'
  | 'focus-right'
  | 'focus-up'
  | 'focus-down'
  | 'focus-waiting'
  | 'toggle-maximize'
  | 'new-session';

export interface KeyLike {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** Arrows move to the pane on that side (lib/pane-navigation.ts); brackets go through
 * the panes in order, wrapping around, which also reaches panes scrolled out of view. */
const ALT_BINDINGS: Record<string, ShortcutAction> = {
  ArrowLeft: 'focus-left',
  ArrowUp: 'focus-up',
  ArrowRight: 'focus-right',
  ArrowDown: 'focus-down',
  BracketLeft: 'focus-prev',
  BracketRight: 'focus-next',
  Enter: 'toggle-maximize',
  NumpadEnter: 'toggle-maximize',
  KeyN: 'new-session',
  KeyW: 'focus-waiting',
};

export function matchShortcut(e: KeyLike): ShortcutAction | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  return ALT_BINDINGS[e.code] ?? null;
}

/** Keys a focused pane handles itself instead of the program:
 * - find: Ctrl+Shift+F (Cmd+F on macOS, where the browser's own find would only search the
 *   page's markup) opens the find bar; plain Ctrl+F stays the program's (readline's
 *   forward-char, vim's page down);
 * - copy: Ctrl+Shift+C copies the selection, as in desktop terminals, since Ctrl+C is the
 *   program's interrupt (Cmd+C on macOS copies natively). Paste needs nothing: Ctrl+Shift+V
 *   (Cmd+V) is the browser's paste, which xterm handles. */
export function matchPaneShortcut(e: KeyLike): 'find' | 'copy' | null {
  if (e.altKey) return null;
  const ctrlShift = e.ctrlKey && e.shiftKey && !e.metaKey;
  if (e.code === 'KeyF' && (ctrlShift || (e.metaKey && !e.ctrlKey && !e.shiftKey))) return 'find';
  if (e.code === 'KeyC' && ctrlShift) return 'copy';
  return null;
}

/** For the help popover. */
export const SHORTCUT_HELP: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: 'Alt + ← ↑ → ↓', action: 'Focus the pane on that side' },
  { keys: 'Alt + [ / ]', action: 'Focus previous / next pane (in order, wrapping)' },
  { keys: 'Alt + W', action: 'Next agent waiting for you (its pane, its question)' },
  { keys: 'Alt + Enter', action: 'Maximize / restore focused pane' },
  { keys: 'Esc (outside a terminal)', action: 'Restore maximized pane' },
  { keys: 'Alt + N', action: 'New session' },
  { keys: 'Ctrl + Shift + F (in a pane)', action: "Find in the pane's output; Enter / Shift + Enter: next / previous" },
  { keys: 'Ctrl + Shift + C / V (in a pane)', action: 'Copy the selection / paste' },
  { keys: 'Shift + Enter (inject box)', action: 'New line; Enter sends' },
];

/** The index `step` away from `current` in a list of `length`, wrapping around. */
export function cycleIndex(current: number, step: 1 | -1, length: number): number {
  if (length === 0) return -1;
  if (current < 0) return step === 1 ? 0 : length - 1;
  return (current + step + length) % length;
}
