/**
 * Dashboard shortcuts. One matcher serves both the window keydown listener and each
 * xterm's custom key handler, which must return false for these keys so the terminal
 * lets them bubble instead of sending them to the program (Alt+Left would otherwise
 * become ESC [1;3D). Matching uses `code`, not `key`, because on macOS Option+N types
 * a dead key and Option+[ a quote character.
 */
export type ShortcutAction = 'focus-prev' | 'focus-next' | 'toggle-maximize' | 'new-session';

export interface KeyLike {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

const ALT_BINDINGS: Record<string, ShortcutAction> = {
  ArrowLeft: 'focus-prev',
  ArrowUp: 'focus-prev',
  BracketLeft: 'focus-prev',
  ArrowRight: 'focus-next',
  ArrowDown: 'focus-next',
  BracketRight: 'focus-next',
  Enter: 'toggle-maximize',
  NumpadEnter: 'toggle-maximize',
  KeyN: 'new-session',
};

export function matchShortcut(e: KeyLike): ShortcutAction | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  return ALT_BINDINGS[e.code] ?? null;
}

/** Keys a focused pane handles itself instead of the program: Ctrl+Shift+F (Cmd+F on
 * macOS, where the browser's own find would only search the page's markup) opens the find
 * bar. Plain Ctrl+F stays the program's (readline's forward-char, vim's page down). */
export function matchPaneShortcut(e: KeyLike): 'find' | null {
  if (e.code !== 'KeyF' || e.altKey) return null;
  if (e.ctrlKey && e.shiftKey && !e.metaKey) return 'find';
  if (e.metaKey && !e.ctrlKey && !e.shiftKey) return 'find';
  return null;
}

/** For the help popover. */
export const SHORTCUT_HELP: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: 'Alt + ← / ↑ or Alt + [', action: 'Focus previous pane' },
  { keys: 'Alt + → / ↓ or Alt + ]', action: 'Focus next pane' },
  { keys: 'Alt + Enter', action: 'Maximize / restore focused pane' },
  { keys: 'Esc (outside a terminal)', action: 'Restore maximized pane' },
  { keys: 'Alt + N', action: 'New session' },
  { keys: 'Ctrl + Shift + F (in a pane)', action: "Find in the pane's output; Enter / Shift + Enter: next / previous" },
  { keys: 'Shift + Enter (inject box)', action: 'New line; Enter sends' },
];

/** The index `step` away from `current` in a list of `length`, wrapping around. */
export function cycleIndex(current: number, step: 1 | -1, length: number): number {
  if (length === 0) return -1;
  if (current < 0) return step === 1 ? 0 : length - 1;
  return (current + step + length) % length;
}
