import { describe, expect, it } from 'vitest';
import { cycleIndex, matchPaneShortcut, matchShortcut } from './keyboard-shortcuts';

const key = (code: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
  code,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('matches Alt bindings only', () => {
    expect(matchShortcut(key('ArrowLeft', { altKey: true }))).toBe('focus-left');
    expect(matchShortcut(key('ArrowDown', { altKey: true }))).toBe('focus-down');
    expect(matchShortcut(key('BracketLeft', { altKey: true }))).toBe('focus-prev');
    expect(matchShortcut(key('BracketRight', { altKey: true }))).toBe('focus-next');
    expect(matchShortcut(key('Enter', { altKey: true }))).toBe('toggle-maximize');
    expect(matchShortcut(key('KeyN', { altKey: true }))).toBe('new-session');
    expect(matchShortcut(key('KeyW', { altKey: true }))).toBe('focus-waiting');
    expect(matchShortcut(key('ArrowLeft'))).toBeNull();
    expect(matchShortcut(key('ArrowLeft', { altKey: true, ctrlKey: true }))).toBeNull();
    expect(matchShortcut(key('KeyB', { altKey: true }))).toBeNull();
  });

  it('cycles through panes', () => {
    expect(cycleIndex(-1, 1, 3)).toBe(0);
    expect(cycleIndex(-1, -1, 3)).toBe(2);
    expect(cycleIndex(2, 1, 3)).toBe(0);
    expect(cycleIndex(0, -1, 3)).toBe(2);
    expect(cycleIndex(0, 1, 0)).toBe(-1);
  });
});

describe('pane shortcuts', () => {
  it('opens find on Ctrl+Shift+F or Cmd+F, and leaves plain Ctrl+F to the program', () => {
    expect(matchPaneShortcut(key('KeyF', { ctrlKey: true, shiftKey: true }))).toBe('find');
    expect(matchPaneShortcut(key('KeyF', { metaKey: true }))).toBe('find');
    expect(matchPaneShortcut(key('KeyF', { ctrlKey: true }))).toBeNull();
    expect(matchPaneShortcut(key('KeyF', { altKey: true }))).toBeNull();
    expect(matchPaneShortcut(key('KeyG', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('copies on Ctrl+Shift+C, and leaves Ctrl+C (the interrupt) to the program', () => {
    expect(matchPaneShortcut(key('KeyC', { ctrlKey: true, shiftKey: true }))).toBe('copy');
    expect(matchPaneShortcut(key('KeyC', { ctrlKey: true }))).toBeNull();
    expect(matchPaneShortcut(key('KeyC', { metaKey: true }))).toBeNull();
  });
});
