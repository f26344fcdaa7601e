'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionInfo } from '@/protocol/session';
import { browserStorage, loadUiPrefs, saveUiPrefs, type PaneLayout, type TasksPanelMode } from '@/lib/ui-prefs';

export interface RememberedLayoutOptions {
  panelMode: TasksPanelMode;
  setPanelMode: (mode: TasksPanelMode) => void;
  paneLayout: PaneLayout;
  setPaneLayout: (layout: PaneLayout) => void;
  maximizedId: string | null;
  /** Called once, when the pane maximized before the reload is listed again. */
  restoreMaximized: (id: string) => void;
  sessions: readonly SessionInfo[];
}

/**
 * Keeps the dashboard's layout across reloads (lib/ui-prefs): the tasks panel mode, the
 * pane layout (scroll or tile) and the maximized pane. Read after mount: the prerendered page cannot know it, and reading it
 * during the first render would break hydration. Returns `userChoseMaximize`, to call when
 * the person maximizes or restores a pane: a pending restore must not override that.
 */
export function useRememberedLayout(o: RememberedLayoutOptions): { userChoseMaximize: () => void } {
  const { panelMode, setPanelMode, paneLayout, setPaneLayout, maximizedId, restoreMaximized, sessions } = o;
  const [loaded, setLoaded] = useState(false);
  /** The pane that was maximized before the reload, until its session is listed. */
  const pending = useRef<string | null>(null);

  useEffect(() => {
    const prefs = loadUiPrefs(browserStorage());
    setPanelMode(prefs.tasksPanel);
    setPaneLayout(prefs.paneLayout);
    pending.current = prefs.maximizedSessionId;
    setLoaded(true);
  }, [setPanelMode, setPaneLayout]);

  useEffect(() => {
    if (loaded) saveUiPrefs(browserStorage(), { tasksPanel: panelMode, paneLayout });
  }, [loaded, panelMode, paneLayout]);

  useEffect(() => {
    // Nothing maximized yet while the one to restore is not listed: keep it stored.
    if (!loaded || (maximizedId === null && pending.current !== null)) return;
    saveUiPrefs(browserStorage(), { maximizedSessionId: maximizedId });
  }, [loaded, maximizedId]);

  useEffect(() => {
    const id = pending.current;
    if (id === null || !sessions.some((s) => s.id === id)) return;
    pending.current = null;
    restoreMaximized(id);
  }, [sessions, restoreMaximized]);

  const userChoseMaximize = useCallback(() => {
    pending.current = null;
  }, []);
  return { userChoseMaximize };
}
