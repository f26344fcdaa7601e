import { describe, expect, it } from 'vitest';
import { DEFAULT_UI_PREFS, loadUiPrefs, parseUiPrefs, saveUiPrefs, UI_PREFS_KEY, type PrefsStorage } from './ui-prefs';

function memoryStorage(initial: Record<string, string> = {}): NonNullable<PrefsStorage> & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('ui prefs', () => {
  it('reads what was written, field by field', () => {
    expect(parseUiPrefs(JSON.stringify({ tasksPanel: 'closed', paneLayout: 'tile', maximizedSessionId: 's-abc' }))).toEqual({ tasksPanel: 'closed', paneLayout: 'tile', maximizedSessionId: 's-abc' });
    // Written by a page from before the pane layout: it takes its default.
    expect(parseUiPrefs(JSON.stringify({ tasksPanel: 'open' }))).toEqual({ tasksPanel: 'open', paneLayout: 'scroll', maximizedSessionId: null });
  });

  it('falls back to the defaults on anything else, without throwing', () => {
    for (const raw of [null, '', 'not json', 'null', '42', '"open"', '[]']) expect(parseUiPrefs(raw)).toEqual(DEFAULT_UI_PREFS);
    expect(parseUiPrefs(JSON.stringify({ tasksPanel: 'sideways', paneLayout: 'spiral', maximizedSessionId: 7 }))).toEqual(DEFAULT_UI_PREFS);
    expect(parseUiPrefs(JSON.stringify({ tasksPanel: 'closed', maximizedSessionId: 'x'.repeat(500) }))).toEqual({ tasksPanel: 'closed', paneLayout: 'scroll', maximizedSessionId: null });
  });

  it('merges a change into what is stored', () => {
    const storage = memoryStorage({ [UI_PREFS_KEY]: JSON.stringify({ tasksPanel: 'closed', maximizedSessionId: null }) });
    saveUiPrefs(storage, { maximizedSessionId: 's-one' });
    expect(loadUiPrefs(storage)).toEqual({ tasksPanel: 'closed', paneLayout: 'scroll', maximizedSessionId: 's-one' });
    saveUiPrefs(storage, { tasksPanel: 'auto', paneLayout: 'tile' });
    expect(JSON.parse(storage.data[UI_PREFS_KEY]!)).toEqual({ tasksPanel: 'auto', paneLayout: 'tile', maximizedSessionId: 's-one' });
  });

  it('a storage that throws or is missing only loses the preference', () => {
    const broken: PrefsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadUiPrefs(broken)).toEqual(DEFAULT_UI_PREFS);
    expect(() => saveUiPrefs(broken, { tasksPanel: 'open' })).not.toThrow();
    expect(loadUiPrefs(null)).toEqual(DEFAULT_UI_PREFS);
    expect(() => saveUiPrefs(null, { tasksPanel: 'open' })).not.toThrow();
  });
});
